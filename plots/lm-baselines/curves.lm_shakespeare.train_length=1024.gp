# lm-baselines: training curves, lm_shakespeare (train_length=1024)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one variant/window share its colour and dash).
#
# Written by `attnlab plot studies/lm-baselines.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.train_length=1024.gp
# in this folder: it redraws curves.lm_shakespeare.train_length=1024.png and curves.lm_shakespeare.train_length=1024.svg from curves.lm_shakespeare.train_length=1024.dat.

width = 1200; height = 440   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.train_length=1024.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.train_length=1024." . format
    set grid
    set multiplot layout 1,2 title "lm-baselines: training curves, lm_shakespeare (train_length=1024)" font ",12"

    # curve_val_loss
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside right top
    plot data index "[curve_val_loss | full seed 0 | f5bac3d977ecf239]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | 551f94781d2af6d9]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | 02a9607ef9cd412d]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy"
    set yrange [0:1.05]
    set key outside right top
    plot data index "[curve_val_accuracy | full seed 0 | f5bac3d977ecf239]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | 551f94781d2af6d9]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | 02a9607ef9cd412d]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
