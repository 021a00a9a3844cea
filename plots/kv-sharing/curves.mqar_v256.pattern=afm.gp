# kv-sharing: training curves, mqar_v256 (afm)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel); grey dashed: the chance level on the eval examples at the train length.
#
# Written by `attnlab plot studies/kv-sharing.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.mqar_v256.pattern=afm.gp
# in this folder: it redraws curves.mqar_v256.pattern=afm.png and curves.mqar_v256.pattern=afm.svg from curves.mqar_v256.pattern=afm.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.mqar_v256.pattern=afm.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.mqar_v256.pattern=afm." . format
    set grid
    set multiplot layout 1,2 title "kv-sharing: training curves, mqar_v256 (afm)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | full seed 0 | ad3b4cd9bb100440]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | 8d5280aa620a5e05]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | 191dd120b756e165]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    stats data index "[L=128 | chance]" using 1 name "chance" nooutput
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [-0.02:1.07757]
    set key outside below height 1
    plot data index "[curve_val_accuracy | full seed 0 | ad3b4cd9bb100440]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | 8d5280aa620a5e05]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | 191dd120b756e165]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean)

    unset multiplot
    set output
}
