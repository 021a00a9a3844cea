# rattention-budget: accuracy vs window, lm_shakespeare (lllg)
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max.
#
# Written by `attnlab plot studies/rattention-budget.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.lm_shakespeare.pattern=lllg.gp
# in this folder: it redraws accuracy-vs-window.lm_shakespeare.pattern=lllg.png and accuracy-vs-window.lm_shakespeare.pattern=lllg.svg from accuracy-vs-window.lm_shakespeare.pattern=lllg.dat.

width = 520; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.lm_shakespeare.pattern=lllg.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.lm_shakespeare.pattern=lllg." . format
    set grid
    set multiplot layout 1,1 title "rattention-budget: accuracy vs window, lm_shakespeare (lllg)" font ",12"

    # eval length 512
    set autoscale y
    set title "accuracy at 512 tokens"
    set yrange [0.541265:0.562983]
    unset logscale x
    set xrange [-0.5:0.5]
    set xtics ("8" 0)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=512 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=512 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention"

    unset multiplot
    set output
}
