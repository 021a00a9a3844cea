# kernel-swap: accuracy vs window, mqar_v256
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max.
#
# Written by `attnlab plot studies/kernel-swap.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.mqar_v256.gp
# in this folder: it redraws accuracy-vs-window.mqar_v256.png and accuracy-vs-window.mqar_v256.svg from accuracy-vs-window.mqar_v256.dat.

width = 520; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.mqar_v256.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.mqar_v256." . format
    set grid
    set multiplot layout 1,1 title "kernel-swap: accuracy vs window, mqar_v256" font ",12"

    # eval length 64
    set autoscale y
    set title "accuracy at 64 tokens"
    set yrange [0.08:0.0975]
    unset logscale x
    set xrange [-0.5:0.5]
    set xtics ("8" 0)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=64 | rattention | auto]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention (auto)", \
         data index "[L=64 | rattention | naive+recurrent]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 2 lw 1.5 title "rattention (naive+recurrent)"

    unset multiplot
    set output
}
