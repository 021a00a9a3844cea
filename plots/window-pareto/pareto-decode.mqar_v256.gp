# window-pareto: accuracy vs decode tokens/s at length 16384, mqar_v256
#
# Accuracy against decode tokens/s at length 16384: every configuration a labelled point (mean over seeds, bars
# min..max), the Pareto frontier of the means as a step line.
#
# Written by `attnlab plot studies/window-pareto.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot pareto-decode.mqar_v256.gp
# in this folder: it redraws pareto-decode.mqar_v256.png and pareto-decode.mqar_v256.svg from pareto-decode.mqar_v256.dat.

width = 1120; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "pareto-decode.mqar_v256.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "pareto-decode.mqar_v256." . format
    set grid
    set multiplot layout 1,2 title "window-pareto: accuracy vs decode tokens/s at length 16384, mqar_v256" font ",12"

    # eval length 128
    set title "eval length 128 (bench length 16384); labels: frontier points"
    set logscale x 2
    set format x "%.0s%c"
    set xrange [89.3949:30405]
    set yrange [0:1.1]
    set xlabel "decode tokens/s at context length 16384, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=128 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=128 | linear_attention]" using 1:2:3:4 with yerrorbars lc rgb "#2ca02c" pt 7 ps 1.2 title "linear only", \
         data index "[L=128 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=128 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=128 | frontier]" using 1:2 with fsteps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=128 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle, \
         data index "[L=128 | frontier]" using 1:2:3 with labels offset char 0,1.1 font ",8" notitle

    # eval length 192
    set title "eval length 192 (bench length 16384); labels: frontier points"
    set logscale x 2
    set format x "%.0s%c"
    set xrange [89.3949:30405]
    set yrange [0:1.1]
    set xlabel "decode tokens/s at context length 16384, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=192 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=192 | linear_attention]" using 1:2:3:4 with yerrorbars lc rgb "#2ca02c" pt 7 ps 1.2 title "linear only", \
         data index "[L=192 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=192 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=192 | frontier]" using 1:2 with fsteps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=192 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle, \
         data index "[L=192 | frontier]" using 1:2:3 with labels offset char 0,1.1 font ",8" notitle

    unset multiplot
    set output
}
