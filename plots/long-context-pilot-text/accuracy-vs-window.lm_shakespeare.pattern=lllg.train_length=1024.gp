# long-context-pilot-text: accuracy vs window, lm_shakespeare (lllg, train_length=1024)
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max.
#
# Written by `attnlab plot studies/long-context-pilot-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=1024.gp
# in this folder: it redraws accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=1024.png and accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=1024.svg from accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=1024.dat.

width = 520; height = 460   # pixels (svg: points)
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
    set multiplot layout 1,1 title "long-context-pilot-text: accuracy vs window, lm_shakespeare (lllg, train_length=1024)" font ",12"

    # eval length 1024
    set autoscale y
    set title "accuracy at 1,024 tokens"
    set yrange [0.52152:0.532954]
    unset logscale x
    set xrange [-0.5:0.5]
    set xtics ("16" 0)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=1024 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window"

    unset multiplot
    set output
}
