# kv-sharing: training curves, niah_single_1 (afm)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one variant/window share its colour and dash).
#
# Written by `attnlab plot studies/kv-sharing.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.niah_single_1.pattern=afm.gp
# in this folder: it redraws curves.niah_single_1.pattern=afm.png and curves.niah_single_1.pattern=afm.svg from curves.niah_single_1.pattern=afm.dat.

width = 1200; height = 440   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.niah_single_1.pattern=afm.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.niah_single_1.pattern=afm." . format
    set grid
    set multiplot layout 1,2 title "kv-sharing: training curves, niah_single_1 (afm)" font ",12"

    # curve_val_loss
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside right top
    plot data index "[curve_val_loss | full seed 0 | 48599bf6a4b783af]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | d0b672dd5aa09c9f]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | dbcbc612804b459f]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy"
    set yrange [0:1.05]
    set key outside right top
    plot data index "[curve_val_accuracy | full seed 0 | 48599bf6a4b783af]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | d0b672dd5aa09c9f]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | dbcbc612804b459f]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
