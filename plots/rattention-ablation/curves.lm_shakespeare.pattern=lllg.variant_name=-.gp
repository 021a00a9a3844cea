# rattention-ablation: training curves, lm_shakespeare (lllg, variant_name=–)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/rattention-ablation.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=lllg.variant_name=-.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=lllg.variant_name=-.png and curves.lm_shakespeare.pattern=lllg.variant_name=-.svg from curves.lm_shakespeare.pattern=lllg.variant_name=-.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=lllg.variant_name=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=lllg.variant_name=-." . format
    set grid
    set multiplot layout 1,2 title "rattention-ablation: training curves, lm_shakespeare (lllg, variant_name=–)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | swa W8 seed 0 | 1d84156c617c11fe]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W8", \
         data index "[curve_val_loss | swa W8 seed 1 | e62dd28708c7e5b9]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W8 seed 2 | b109113f904b74e5]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 0 | ff8b8185d41ed74a]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W8", \
         data index "[curve_val_loss | ratt W8 seed 1 | 0abfac3500bacb3c]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 2 | 16a0e7d69267924f]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.129004:0.541772]
    set key outside below height 1
    plot data index "[curve_val_accuracy | swa W8 seed 0 | 1d84156c617c11fe]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W8", \
         data index "[curve_val_accuracy | swa W8 seed 1 | e62dd28708c7e5b9]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W8 seed 2 | b109113f904b74e5]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 0 | ff8b8185d41ed74a]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W8", \
         data index "[curve_val_accuracy | ratt W8 seed 1 | 0abfac3500bacb3c]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 2 | 16a0e7d69267924f]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
