# kernel-swap: training curves, mqar_v256
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/kernel-swap.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.mqar_v256.gp
# in this folder: it redraws curves.mqar_v256.png and curves.mqar_v256.svg from curves.mqar_v256.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.mqar_v256.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.mqar_v256." . format
    set grid
    set multiplot layout 1,2 title "kernel-swap: training curves, mqar_v256" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | ratt W8 auto seed 0 | 56c94b60d681ceb9]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W8 auto", \
         data index "[curve_val_loss | ratt W8 naive+recurrent seed 0 | 8da8ef941fcc6539]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 2 lw 1.2 title "ratt W8 naive+recurrent", \
         data index "[curve_val_loss | ratt W8 auto seed 1 | 80dc41d46fb1ca7f]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 naive+recurrent seed 1 | 0f33427db49cb30e]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 2 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.0028:0.1072]
    set key outside below height 1
    plot data index "[curve_val_accuracy | ratt W8 auto seed 0 | 56c94b60d681ceb9]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W8 auto", \
         data index "[curve_val_accuracy | ratt W8 naive+recurrent seed 0 | 8da8ef941fcc6539]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 2 lw 1.2 title "ratt W8 naive+recurrent", \
         data index "[curve_val_accuracy | ratt W8 auto seed 1 | 80dc41d46fb1ca7f]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 naive+recurrent seed 1 | 0f33427db49cb30e]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 2 lw 1.2 notitle

    unset multiplot
    set output
}
