# window-pareto-long-text: accuracy vs window, lm_linux_c (lllg, train_length=128, state_matched=–)
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.lm_linux_c.pattern=lllg.train_length=128.state_matched=-.gp
# in this folder: it redraws accuracy-vs-window.lm_linux_c.pattern=lllg.train_length=128.state_matched=-.png and accuracy-vs-window.lm_linux_c.pattern=lllg.train_length=128.state_matched=-.svg from accuracy-vs-window.lm_linux_c.pattern=lllg.train_length=128.state_matched=-.dat.

width = 1560; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.lm_linux_c.pattern=lllg.train_length=128.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.lm_linux_c.pattern=lllg.train_length=128.state_matched=-." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: accuracy vs window, lm_linux_c (lllg, train_length=128, state_matched=–)" font ",12"

    # eval length 128
    set autoscale y
    set title "accuracy at 128 tokens"
    set yrange [0.518809:0.607168]
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=128 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=128 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=128 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention"

    # eval length 256
    set autoscale y
    set title "accuracy at 256 tokens"
    set yrange [0.501465:0.582886]
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=256 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=256 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=256 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention"

    # eval length 512
    set autoscale y
    set title "accuracy at 512 tokens"
    set yrange [0.505095:0.593171]
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=512 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=512 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=512 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention"

    unset multiplot
    set output
}
