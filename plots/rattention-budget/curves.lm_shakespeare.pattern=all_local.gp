# rattention-budget: training curves, lm_shakespeare (all_local)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/rattention-budget.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=all_local.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=all_local.png and curves.lm_shakespeare.pattern=all_local.svg from curves.lm_shakespeare.pattern=all_local.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=all_local.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=all_local." . format
    set grid
    set multiplot layout 1,2 title "rattention-budget: training curves, lm_shakespeare (all_local)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | full seed 0 | d1b92c9002912af9]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | d4179d73a06f3e17]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | cd7abd78026b7266]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.11915:0.568594]
    set key outside below height 1
    plot data index "[curve_val_accuracy | full seed 0 | d1b92c9002912af9]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | d4179d73a06f3e17]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | cd7abd78026b7266]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
