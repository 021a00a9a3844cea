# rattention-ablation: training curves, lm_shakespeare (lllg, variant_name=norm_only)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/rattention-ablation.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=lllg.variant_name=norm_only.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=lllg.variant_name=norm_only.png and curves.lm_shakespeare.pattern=lllg.variant_name=norm_only.svg from curves.lm_shakespeare.pattern=lllg.variant_name=norm_only.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=lllg.variant_name=norm_only.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=lllg.variant_name=norm_only." . format
    set grid
    set multiplot layout 1,2 title "rattention-ablation: training curves, lm_shakespeare (lllg, variant_name=norm_only)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | ratt W8 seed 0 | 4eac4947f36d924d]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 2 lw 1.2 title "ratt W8", \
         data index "[curve_val_loss | ratt W8 seed 1 | 1cf6370fd216b98c]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 2 | 4c8aa8b9047647f7]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 2 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.159873:0.535684]
    set key outside below height 1
    plot data index "[curve_val_accuracy | ratt W8 seed 0 | 4eac4947f36d924d]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 2 lw 1.2 title "ratt W8", \
         data index "[curve_val_accuracy | ratt W8 seed 1 | 1cf6370fd216b98c]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 2 | 4c8aa8b9047647f7]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 2 lw 1.2 notitle

    unset multiplot
    set output
}
