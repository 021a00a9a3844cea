# lm-baselines: accuracy vs window, lm_shakespeare (lllg, train_length=256)
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max.
#
# Written by `attnlab plot studies/lm-baselines.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=256.gp
# in this folder: it redraws accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=256.png and accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=256.svg from accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=256.dat.

width = 1560; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=256.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=256." . format
    set grid
    set multiplot layout 1,3 title "lm-baselines: accuracy vs window, lm_shakespeare (lllg, train_length=256)" font ",12"

    # eval length 256
    set autoscale y
    set title "accuracy at 256 tokens"
    set yrange [0.353896:0.443955]
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("16" 0, "64" 1)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=256 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=256 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention"

    # eval length 512
    set autoscale y
    set title "accuracy at 512 tokens"
    set yrange [0.371377:0.452231]
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("16" 0, "64" 1)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=512 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=512 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention"

    # eval length 1024
    set autoscale y
    set title "accuracy at 1,024 tokens"
    set yrange [0.378486:0.457146]
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("16" 0, "64" 1)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=1024 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=1024 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention"

    unset multiplot
    set output
}
