# lm-baselines: training curves, lm_shakespeare (all_local, train_length=1024)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/lm-baselines.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=all_local.train_length=1024.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=all_local.train_length=1024.png and curves.lm_shakespeare.pattern=all_local.train_length=1024.svg from curves.lm_shakespeare.pattern=all_local.train_length=1024.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=all_local.train_length=1024.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=all_local.train_length=1024." . format
    set grid
    set multiplot layout 1,2 title "lm-baselines: training curves, lm_shakespeare (all_local, train_length=1024)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | full seed 0 | f5bac3d977ecf239]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | 551f94781d2af6d9]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | 02a9607ef9cd412d]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 0 | efacab13dcb07af2]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | swa W16 seed 1 | 5c7df7f023cba12a]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 2 | fdd5041a52ccddfb]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | dd1761dee5a59397]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | f3cf9f33ab83c77e]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | 63945896376f5ce8]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 0 | 889198713ccc3664]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_loss | ratt W16 seed 1 | 73d19417b66b3c6a]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 2 | 1024d7acae697a70]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 0 | aa9994a7b83b1aa0]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_loss | ratt W64 seed 1 | 02a09c8ef9a4a034]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 2 | 7fd5f7fc99e1cd20]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.126787:0.446028]
    set key outside below height 1
    plot data index "[curve_val_accuracy | full seed 0 | f5bac3d977ecf239]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | 551f94781d2af6d9]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | 02a9607ef9cd412d]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 0 | efacab13dcb07af2]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | swa W16 seed 1 | 5c7df7f023cba12a]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 2 | fdd5041a52ccddfb]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | dd1761dee5a59397]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | f3cf9f33ab83c77e]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | 63945896376f5ce8]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 0 | 889198713ccc3664]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_accuracy | ratt W16 seed 1 | 73d19417b66b3c6a]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 2 | 1024d7acae697a70]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 0 | aa9994a7b83b1aa0]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_accuracy | ratt W64 seed 1 | 02a09c8ef9a4a034]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 2 | 7fd5f7fc99e1cd20]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
