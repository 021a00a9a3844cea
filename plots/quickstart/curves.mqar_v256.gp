# quickstart: training curves, mqar_v256
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel); grey dashed: the chance level on the eval examples at the train length.
#
# Written by `attnlab plot studies/quickstart.yaml --publish` (which rewrites it). To restyle, edit this file and run
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
    set multiplot layout 1,2 title "quickstart: training curves, mqar_v256" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | full seed 0 | 8c9ff494ade2d211]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | swa W8 seed 0 | 9f6360457a534b6c]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W8", \
         data index "[curve_val_loss | swa W16 seed 0 | 38a1ef8b30e4a465]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | ratt W8 seed 0 | eb81ecbbde33234d]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W8", \
         data index "[curve_val_loss | ratt W16 seed 0 | 8d87d6e1634dfb72]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W16"

    # curve_val_accuracy
    set autoscale y
    stats data index "[L=64 | chance]" using 1 name "chance" nooutput
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [-0.02:1.0352]
    set key outside below height 1
    plot data index "[curve_val_accuracy | full seed 0 | 8c9ff494ade2d211]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | swa W8 seed 0 | 9f6360457a534b6c]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W8", \
         data index "[curve_val_accuracy | swa W16 seed 0 | 38a1ef8b30e4a465]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | ratt W8 seed 0 | eb81ecbbde33234d]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W8", \
         data index "[curve_val_accuracy | ratt W16 seed 0 | 8d87d6e1634dfb72]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W16", \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean)

    unset multiplot
    set output
}
