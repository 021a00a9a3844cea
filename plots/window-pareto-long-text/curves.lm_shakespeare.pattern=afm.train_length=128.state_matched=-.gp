# window-pareto-long-text: training curves, lm_shakespeare (afm, train_length=128, state_matched=–)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=afm.train_length=128.state_matched=-.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=afm.train_length=128.state_matched=-.png and curves.lm_shakespeare.pattern=afm.train_length=128.state_matched=-.svg from curves.lm_shakespeare.pattern=afm.train_length=128.state_matched=-.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=afm.train_length=128.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=afm.train_length=128.state_matched=-." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_shakespeare (afm, train_length=128, state_matched=–)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | full seed 0 | c4d2d22762a6d922]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | 04b3b601d45b69ac]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | ba3827ce76991a3d]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.124551:0.548789]
    set key outside below height 1
    plot data index "[curve_val_accuracy | full seed 0 | c4d2d22762a6d922]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | 04b3b601d45b69ac]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | ba3827ce76991a3d]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
