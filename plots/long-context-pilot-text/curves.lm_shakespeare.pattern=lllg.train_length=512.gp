# long-context-pilot-text: training curves, lm_shakespeare (lllg, train_length=512)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/long-context-pilot-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=lllg.train_length=512.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=lllg.train_length=512.png and curves.lm_shakespeare.pattern=lllg.train_length=512.svg from curves.lm_shakespeare.pattern=lllg.train_length=512.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=lllg.train_length=512.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=lllg.train_length=512." . format
    set grid
    set multiplot layout 1,2 title "long-context-pilot-text: training curves, lm_shakespeare (lllg, train_length=512)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | swa W8 seed 0 | cd66c928ff2a6350]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W8", \
         data index "[curve_val_loss | swa W8 seed 1 | 79c718b474176635]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.13687:0.54001]
    set key outside below height 1
    plot data index "[curve_val_accuracy | swa W8 seed 0 | cd66c928ff2a6350]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W8", \
         data index "[curve_val_accuracy | swa W8 seed 1 | 79c718b474176635]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
