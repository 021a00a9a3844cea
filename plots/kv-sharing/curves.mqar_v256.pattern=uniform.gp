# kv-sharing: training curves, mqar_v256 (uniform)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one variant/window share its colour and dash).
#
# Written by `attnlab plot studies/kv-sharing.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.mqar_v256.pattern=uniform.gp
# in this folder: it redraws curves.mqar_v256.pattern=uniform.png and curves.mqar_v256.pattern=uniform.svg from curves.mqar_v256.pattern=uniform.dat.

width = 1200; height = 440   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.mqar_v256.pattern=uniform.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.mqar_v256.pattern=uniform." . format
    set grid
    set multiplot layout 1,2 title "kv-sharing: training curves, mqar_v256 (uniform)" font ",12"

    # curve_val_loss
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside right top
    plot data index "[curve_val_loss | full seed 0 | 821c5b9034a773ff]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | 9f2c2c5d8c1ccaef]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | 5388ec01c9f1ee94]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy"
    set yrange [0:1.05]
    set key outside right top
    plot data index "[curve_val_accuracy | full seed 0 | 821c5b9034a773ff]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | 9f2c2c5d8c1ccaef]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | 5388ec01c9f1ee94]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
