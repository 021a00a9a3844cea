# lm-baselines: accuracy vs window, lm_shakespeare (lllg, train_length=1024)
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line: full attention's mean.
#
# Written by `attnlab plot studies/lm-baselines.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=1024.gp
# in this folder: it redraws accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=1024.png and accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=1024.svg from accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=1024.dat.

width = 1440; height = 420   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=1024.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=1024." . format
    set grid
    set multiplot layout 1,3 title "lm-baselines: accuracy vs window, lm_shakespeare (lllg, train_length=1024)" font ",12"

    # eval length 1024
    set title "eval length 1024"
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("16" 0, "64" 1)
    set yrange [0:1.05]
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy"
    set key outside below height 1
    plot data index "[L=1024 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 lw 1.5 title "sliding_window", \
         data index "[L=1024 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 lw 1.5 title "rattention"

    # eval length 2048
    set title "eval length 2048"
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("16" 0, "64" 1)
    set yrange [0:1.05]
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy"
    set key outside below height 1
    plot data index "[L=2048 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 lw 1.5 title "sliding_window", \
         data index "[L=2048 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 lw 1.5 title "rattention"

    # eval length 4096
    set title "eval length 4096"
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("16" 0, "64" 1)
    set yrange [0:1.05]
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy"
    set key outside below height 1
    plot data index "[L=4096 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 lw 1.5 title "sliding_window", \
         data index "[L=4096 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 lw 1.5 title "rattention"

    unset multiplot
    set output
}
