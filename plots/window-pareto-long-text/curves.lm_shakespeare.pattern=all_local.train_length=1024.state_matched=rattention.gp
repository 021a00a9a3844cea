# window-pareto-long-text: training curves, lm_shakespeare (all_local, train_length=1024, state_matched=rattention)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=rattention.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=rattention.png and curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=rattention.svg from curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=rattention.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=rattention." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_shakespeare (all_local, train_length=1024, state_matched=rattention)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | swa W48 seed 0 | 8545cd68f8202c3f]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 title "swa W48", \
         data index "[curve_val_loss | swa W48 seed 1 | 5eec85c9f2a13547]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 2 | c2ee1852d251e112]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 3 | f8f461b28779cb52]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 4 | 0d160cefd20da9dd]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | 61084ded7e28db86]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | 312d043ac196288b]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | fabac272061c0483]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 3 | 8c095737f5cb8655]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 4 | b47ad086f68be738]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 0 | 3240f93d841d1b0a]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 title "swa W96", \
         data index "[curve_val_loss | swa W96 seed 1 | c33ccc3b34c62e74]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 2 | eb3674bb321ad69f]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 3 | 96d6c369fdb4b9da]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 4 | 5c990e7777fd7b39]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 0 | a88b8515383ebc1c]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 title "swa W160", \
         data index "[curve_val_loss | swa W160 seed 1 | 60fe2fae10642436]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 2 | 9df40c7b06a31d6e]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 3 | 4faad1a9bfefb119]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 4 | e27634681d6284c4]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 0 | a712b2b845c11fbe]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 title "swa W288", \
         data index "[curve_val_loss | swa W288 seed 1 | 53226d9b81b3ed44]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 2 | 9cb44d339aa9521c]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 3 | b799a60c9df31424]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 4 | ae1c31c0470e8971]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.11947:0.547461]
    set key outside below height 1
    plot data index "[curve_val_accuracy | swa W48 seed 0 | 8545cd68f8202c3f]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 title "swa W48", \
         data index "[curve_val_accuracy | swa W48 seed 1 | 5eec85c9f2a13547]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 2 | c2ee1852d251e112]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 3 | f8f461b28779cb52]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 4 | 0d160cefd20da9dd]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | 61084ded7e28db86]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | 312d043ac196288b]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | fabac272061c0483]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 3 | 8c095737f5cb8655]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 4 | b47ad086f68be738]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 0 | 3240f93d841d1b0a]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 title "swa W96", \
         data index "[curve_val_accuracy | swa W96 seed 1 | c33ccc3b34c62e74]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 2 | eb3674bb321ad69f]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 3 | 96d6c369fdb4b9da]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 4 | 5c990e7777fd7b39]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 0 | a88b8515383ebc1c]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 title "swa W160", \
         data index "[curve_val_accuracy | swa W160 seed 1 | 60fe2fae10642436]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 2 | 9df40c7b06a31d6e]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 3 | 4faad1a9bfefb119]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 4 | e27634681d6284c4]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 0 | a712b2b845c11fbe]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 title "swa W288", \
         data index "[curve_val_accuracy | swa W288 seed 1 | 53226d9b81b3ed44]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 2 | 9cb44d339aa9521c]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 3 | b799a60c9df31424]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 4 | ae1c31c0470e8971]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle

    unset multiplot
    set output
}
