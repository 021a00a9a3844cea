# quickstart: accuracy vs decode tokens/s at length 1024, mqar_v256
#
# Accuracy against decode tokens/s at length 1024: every configuration a labelled point (mean over seeds, bars
# min..max), the Pareto frontier of the means as a step line; grey dashed: the chance level.
#
# Written by `attnlab plot studies/quickstart.yaml --publish` (which rewrites it). To restyle, edit this file and run
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
    set multiplot layout 1,2 title "quickstart: accuracy vs decode tokens/s at length 1024, mqar_v256" font ",12"

    # eval length 64
    set title "eval length 64 (bench length 1024)"
    unset logscale x
    set format x "%.0s%c"
    set xrange [15116.8:39893]
    set yrange [0:1.1]
    set xlabel "decode tokens/s at context length 1024"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    stats data index "[L=64 | chance]" using 1 name "chance" nooutput
    plot data index "[L=64 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=64 | full]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#000000" notitle, \
         data index "[L=64 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=64 | sliding_window]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#1f77b4" notitle, \
         data index "[L=64 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=64 | rattention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#d62728" notitle, \
         data index "[L=64 | frontier]" using 1:2 with fsteps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=64 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle, \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean)

    # eval length 128
    set title "eval length 128 (bench length 1024)"
    unset logscale x
    set format x "%.0s%c"
    set xrange [15116.8:39893]
    set yrange [0:1.1]
    set xlabel "decode tokens/s at context length 1024"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    stats data index "[L=128 | chance]" using 1 name "chance" nooutput
    plot data index "[L=128 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=128 | full]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#000000" notitle, \
         data index "[L=128 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=128 | sliding_window]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#1f77b4" notitle, \
         data index "[L=128 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=128 | rattention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#d62728" notitle, \
         data index "[L=128 | frontier]" using 1:2 with fsteps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=128 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle, \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean)

    unset multiplot
    set output
}
