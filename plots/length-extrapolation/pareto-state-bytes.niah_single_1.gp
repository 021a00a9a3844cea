# length-extrapolation: accuracy vs decode-state bytes, niah_single_1
#
# Accuracy against decode-state bytes: every configuration a labelled point (mean over seeds, bars
# min..max), the Pareto frontier of the means as a step line.
#
# Written by `attnlab plot studies/length-extrapolation.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot pareto-state-bytes.niah_single_1.gp
# in this folder: it redraws pareto-state-bytes.niah_single_1.png and pareto-state-bytes.niah_single_1.svg from pareto-state-bytes.niah_single_1.dat.

width = 1120; height = 880   # pixels (svg: points)
fontspec = "sans,10"
data = "pareto-state-bytes.niah_single_1.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "pareto-state-bytes.niah_single_1." . format
    set grid
    set multiplot layout 2,2 title "length-extrapolation: accuracy vs decode-state bytes, niah_single_1" font ",12"

    # eval length 128
    set title "eval length 128"
    set logscale x 2
    set format x "%.0b %BB"
    set xrange [21120:209715]
    set yrange [0:1.1]
    set xlabel "decode state of one sequence in bytes, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=128 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=128 | full]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#000000" notitle, \
         data index "[L=128 | linear_attention]" using 1:2:3:4 with yerrorbars lc rgb "#2ca02c" pt 7 ps 1.2 title "linear only", \
         data index "[L=128 | linear_attention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#2ca02c" notitle, \
         data index "[L=128 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=128 | sliding_window]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#1f77b4" notitle, \
         data index "[L=128 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=128 | rattention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#d62728" notitle, \
         data index "[L=128 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=128 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle

    # eval length 256
    set title "eval length 256"
    set logscale x 2
    set format x "%.0b %BB"
    set xrange [21120:419430]
    set yrange [0:1.1]
    set xlabel "decode state of one sequence in bytes, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=256 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=256 | full]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#000000" notitle, \
         data index "[L=256 | linear_attention]" using 1:2:3:4 with yerrorbars lc rgb "#2ca02c" pt 7 ps 1.2 title "linear only", \
         data index "[L=256 | linear_attention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#2ca02c" notitle, \
         data index "[L=256 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=256 | sliding_window]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#1f77b4" notitle, \
         data index "[L=256 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=256 | rattention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#d62728" notitle, \
         data index "[L=256 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=256 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle

    # eval length 512
    set title "eval length 512"
    set logscale x 2
    set format x "%.0b %BB"
    set xrange [21120:838861]
    set yrange [0:1.1]
    set xlabel "decode state of one sequence in bytes, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=512 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=512 | full]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#000000" notitle, \
         data index "[L=512 | linear_attention]" using 1:2:3:4 with yerrorbars lc rgb "#2ca02c" pt 7 ps 1.2 title "linear only", \
         data index "[L=512 | linear_attention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#2ca02c" notitle, \
         data index "[L=512 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=512 | sliding_window]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#1f77b4" notitle, \
         data index "[L=512 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=512 | rattention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#d62728" notitle, \
         data index "[L=512 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=512 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle

    # eval length 1024
    set title "eval length 1024"
    set logscale x 2
    set format x "%.0b %BB"
    set xrange [21120:1.67772e+06]
    set yrange [0:1.1]
    set xlabel "decode state of one sequence in bytes, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=1024 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=1024 | full]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#000000" notitle, \
         data index "[L=1024 | linear_attention]" using 1:2:3:4 with yerrorbars lc rgb "#2ca02c" pt 7 ps 1.2 title "linear only", \
         data index "[L=1024 | linear_attention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#2ca02c" notitle, \
         data index "[L=1024 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=1024 | sliding_window]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#1f77b4" notitle, \
         data index "[L=1024 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=1024 | rattention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#d62728" notitle, \
         data index "[L=1024 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=1024 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle

    unset multiplot
    set output
}
