# long-context-pilot-retrieval: training curves, niah_multikey_3
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel); grey dashed: the chance level on the eval examples at the train length.
#
# Written by `attnlab plot studies/long-context-pilot-retrieval.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.niah_multikey_3.gp
# in this folder: it redraws curves.niah_multikey_3.png and curves.niah_multikey_3.svg from curves.niah_multikey_3.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.niah_multikey_3.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.niah_multikey_3." . format
    set grid
    set multiplot layout 1,2 title "long-context-pilot-retrieval: training curves, niah_multikey_3" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | full seed 0 | bf9c836a5740f0ba]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | 57f6602bc57074d3]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    stats data index "[L=512 | chance]" using 1 name "chance" nooutput
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.105822:0.182511]
    set key outside below height 1
    plot data index "[curve_val_accuracy | full seed 0 | bf9c836a5740f0ba]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | 57f6602bc57074d3]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean)

    unset multiplot
    set output
}
