# window-pareto-long-text: training curves, lm_linux_c (all_local, train_length=1024, state_matched=rattention)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention.gp
# in this folder: it redraws curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention.png and curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention.svg from curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=rattention." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_linux_c (all_local, train_length=1024, state_matched=rattention)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | swa W48 seed 0 | d19b69a28917d2da]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 title "swa W48", \
         data index "[curve_val_loss | swa W48 seed 1 | df73a8667e1eb813]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 2 | 477b0dbb351a78e9]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 3 | 67bc8a7f603ece75]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 4 | 4e4050551d5b4271]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | 0857377119f3623a]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | aeefc0f9c8c66aaa]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | c9f86b0305d8a396]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 3 | 1f9e6bf648169dc4]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 4 | e48c7ea7ea2aa60b]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 0 | a5fdc2dfa0e1461f]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 title "swa W96", \
         data index "[curve_val_loss | swa W96 seed 1 | 6aa6896e0dc31ea2]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 2 | f87c3f686abeaa47]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 3 | 2e180475baf9d495]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 4 | bcffff234265425d]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 0 | 601e7a7de3772b3d]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 title "swa W160", \
         data index "[curve_val_loss | swa W160 seed 1 | f6932e651b1251c5]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 2 | c50fef55ac12d856]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 3 | 2b7c9e03274bc1cf]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 4 | 6d8a8690c33e9b10]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 0 | f8453c412d9ef842]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 title "swa W288", \
         data index "[curve_val_loss | swa W288 seed 1 | 022ab7a64289ef70]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 2 | c45328b2b2267d93]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 3 | ebbd8021669928e9]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 4 | 0b495ceadd10da9f]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.0770361:0.60967]
    set key outside below height 1
    plot data index "[curve_val_accuracy | swa W48 seed 0 | d19b69a28917d2da]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 title "swa W48", \
         data index "[curve_val_accuracy | swa W48 seed 1 | df73a8667e1eb813]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 2 | 477b0dbb351a78e9]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 3 | 67bc8a7f603ece75]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 4 | 4e4050551d5b4271]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | 0857377119f3623a]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | aeefc0f9c8c66aaa]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | c9f86b0305d8a396]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 3 | 1f9e6bf648169dc4]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 4 | e48c7ea7ea2aa60b]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 0 | a5fdc2dfa0e1461f]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 title "swa W96", \
         data index "[curve_val_accuracy | swa W96 seed 1 | 6aa6896e0dc31ea2]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 2 | f87c3f686abeaa47]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 3 | 2e180475baf9d495]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 4 | bcffff234265425d]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 0 | 601e7a7de3772b3d]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 title "swa W160", \
         data index "[curve_val_accuracy | swa W160 seed 1 | f6932e651b1251c5]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 2 | c50fef55ac12d856]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 3 | 2b7c9e03274bc1cf]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 4 | 6d8a8690c33e9b10]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 0 | f8453c412d9ef842]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 title "swa W288", \
         data index "[curve_val_accuracy | swa W288 seed 1 | 022ab7a64289ef70]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 2 | c45328b2b2267d93]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 3 | ebbd8021669928e9]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 4 | 0b495ceadd10da9f]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle

    unset multiplot
    set output
}
