# lm-baselines: accuracy vs decode-state bytes, lm_shakespeare
#
# Accuracy against decode-state bytes: every configuration a labelled point (mean over seeds, bars
# min..max), the Pareto frontier of the means as a step line.
#
# Written by `attnlab plot studies/lm-baselines.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot pareto-state-bytes.lm_shakespeare.gp
# in this folder: it redraws pareto-state-bytes.lm_shakespeare.png and pareto-state-bytes.lm_shakespeare.svg from pareto-state-bytes.lm_shakespeare.dat.

width = 1120; height = 1300   # pixels (svg: points)
fontspec = "sans,10"
data = "pareto-state-bytes.lm_shakespeare.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "pareto-state-bytes.lm_shakespeare." . format
    set grid
    set multiplot layout 3,2 title "lm-baselines: accuracy vs decode-state bytes, lm_shakespeare" font ",12"

    # eval length 256
    set title "eval length 256"
    set logscale x 2
    set format x "%.0b %BB"
    set xrange [21760:838861]
    set yrange [0:1.1]
    set xlabel "decode state of one sequence in bytes, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=256 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=256 | full]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#000000" notitle, \
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
    set xrange [21760:1.67772e+06]
    set yrange [0:1.1]
    set xlabel "decode state of one sequence in bytes, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=512 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=512 | full]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#000000" notitle, \
         data index "[L=512 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=512 | sliding_window]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#1f77b4" notitle, \
         data index "[L=512 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=512 | rattention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#d62728" notitle, \
         data index "[L=512 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=512 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle

    # eval length 1024
    set title "eval length 1024; labels: frontier points"
    set logscale x 2
    set format x "%.0b %BB"
    set xrange [21760:3.35544e+06]
    set yrange [0:1.1]
    set xlabel "decode state of one sequence in bytes, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=1024 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=1024 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=1024 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=1024 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=1024 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle, \
         data index "[L=1024 | frontier]" using 1:2:3 with labels offset char 0,1.1 font ",8" notitle

    # eval length 2048
    set title "eval length 2048"
    set logscale x 2
    set format x "%.0b %BB"
    set xrange [21760:6.71089e+06]
    set yrange [0:1.1]
    set xlabel "decode state of one sequence in bytes, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=2048 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=2048 | full]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#000000" notitle, \
         data index "[L=2048 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=2048 | sliding_window]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#1f77b4" notitle, \
         data index "[L=2048 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=2048 | rattention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#d62728" notitle, \
         data index "[L=2048 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=2048 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle

    # eval length 4096
    set title "eval length 4096"
    set logscale x 2
    set format x "%.0b %BB"
    set xrange [21760:1.34218e+07]
    set yrange [0:1.1]
    set xlabel "decode state of one sequence in bytes, log scale"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=4096 | full]" using 1:2:3:4 with yerrorbars lc rgb "#000000" pt 7 ps 1.2 title "full", \
         data index "[L=4096 | full]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#000000" notitle, \
         data index "[L=4096 | sliding_window]" using 1:2:3:4 with yerrorbars lc rgb "#1f77b4" pt 7 ps 1.2 title "sliding_window", \
         data index "[L=4096 | sliding_window]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#1f77b4" notitle, \
         data index "[L=4096 | rattention]" using 1:2:3:4 with yerrorbars lc rgb "#d62728" pt 7 ps 1.2 title "rattention", \
         data index "[L=4096 | rattention]" using 1:2:5 with labels offset char 0,0.9 font ",8" tc rgb "#d62728" notitle, \
         data index "[L=4096 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=4096 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.2 notitle

    unset multiplot
    set output
}
