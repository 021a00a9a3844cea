# window-pareto-long-text: accuracy vs window, lm_shakespeare (lllg, train_length=128, state_matched=rattention)
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=128.state_matched=rattention.gp
# in this folder: it redraws accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=128.state_matched=rattention.png and accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=128.state_matched=rattention.svg from accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=128.state_matched=rattention.dat.

width = 1560; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=128.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.lm_shakespeare.pattern=lllg.train_length=128.state_matched=rattention." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: accuracy vs window, lm_shakespeare (lllg, train_length=128, state_matched=rattention)" font ",12"

    # eval length 128
    set autoscale y
    set title "accuracy at 128 tokens"
    set yrange [0.500127:0.523555]
    unset logscale x
    set xrange [-0.5:4.5]
    set xtics ("34" 0, "36" 1, "40" 2, "48" 3, "64" 4)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=128 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "sliding_window"

    # eval length 256
    set autoscale y
    set title "accuracy at 256 tokens"
    set yrange [0.507085:0.531611]
    unset logscale x
    set xrange [-0.5:4.5]
    set xtics ("34" 0, "36" 1, "40" 2, "48" 3, "64" 4)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=256 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "sliding_window"

    # eval length 512
    set autoscale y
    set title "accuracy at 512 tokens"
    set yrange [0.498784:0.532161]
    unset logscale x
    set xrange [-0.5:4.5]
    set xtics ("34" 0, "36" 1, "40" 2, "48" 3, "64" 4)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=512 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "sliding_window"

    unset multiplot
    set output
}
