# window-pareto-long-text: accuracy vs window, lm_linux_c (all_local, train_length=1024, state_matched=rattention)
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention.gp
# in this folder: it redraws accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention.png and accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention.svg from accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention.dat.

width = 1560; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: accuracy vs window, lm_linux_c (all_local, train_length=1024, state_matched=rattention)" font ",12"

    # eval length 1024
    set autoscale y
    set title "accuracy at 1,024 tokens"
    set yrange [0.520513:0.561519]
    unset logscale x
    set xrange [-0.5:4.5]
    set xtics ("48" 0, "64" 1, "96" 2, "160" 3, "288" 4)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=1024 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "sliding_window"

    # eval length 2048
    set autoscale y
    set title "accuracy at 2,048 tokens"
    set yrange [0.528585:0.567317]
    unset logscale x
    set xrange [-0.5:4.5]
    set xtics ("48" 0, "64" 1, "96" 2, "160" 3, "288" 4)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=2048 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "sliding_window"

    # eval length 4096
    set autoscale y
    set title "accuracy at 4,096 tokens"
    set yrange [0.516782:0.556582]
    unset logscale x
    set xrange [-0.5:4.5]
    set xtics ("48" 0, "64" 1, "96" 2, "160" 3, "288" 4)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=4096 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "sliding_window"

    unset multiplot
    set output
}
