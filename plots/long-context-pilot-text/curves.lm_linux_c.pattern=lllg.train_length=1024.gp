# long-context-pilot-text: training curves, lm_linux_c (lllg, train_length=1024)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/long-context-pilot-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_linux_c.pattern=lllg.train_length=1024.gp
# in this folder: it redraws curves.lm_linux_c.pattern=lllg.train_length=1024.png and curves.lm_linux_c.pattern=lllg.train_length=1024.svg from curves.lm_linux_c.pattern=lllg.train_length=1024.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_linux_c.pattern=lllg.train_length=1024.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_linux_c.pattern=lllg.train_length=1024." . format
    set grid
    set multiplot layout 1,2 title "long-context-pilot-text: training curves, lm_linux_c (lllg, train_length=1024)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | swa W16 seed 0 | fd9143e9ccba4bbf]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | swa W16 seed 1 | b723335153328eb2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.111323:0.61054]
    set key outside below height 1
    plot data index "[curve_val_accuracy | swa W16 seed 0 | fd9143e9ccba4bbf]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | swa W16 seed 1 | b723335153328eb2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
