# window-pareto-long-text: training curves, lm_shakespeare (all_local, train_length=512, state_matched=rattention)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=rattention.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=rattention.png and curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=rattention.svg from curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=rattention.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=rattention." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_shakespeare (all_local, train_length=512, state_matched=rattention)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | swa W40 seed 0 | fb6b8aa8fc9ff5f1]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 title "swa W40", \
         data index "[curve_val_loss | swa W40 seed 1 | c2c44635ec8893a3]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W40 seed 2 | 868a2cdcf48e42a8]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W40 seed 3 | 6ef6e34a3131eaaa]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W40 seed 4 | ce78eca79d649d44]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 0 | f373ee9537a3096d]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 title "swa W48", \
         data index "[curve_val_loss | swa W48 seed 1 | 48ddd7b638797f22]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 2 | d0ba00b2a748dc5a]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 3 | fad6cfd988f517bc]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 4 | 5b03e06228f5c71f]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | ce498520256a4542]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | dc0cc6dcdbdb689d]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | 73d3e52de6666e7e]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 3 | 63f043e6b84255f7]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 4 | c1edd44d11c0595e]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 0 | 5777d97da86c3c88]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 title "swa W96", \
         data index "[curve_val_loss | swa W96 seed 1 | 80e2198041ba12bc]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 2 | 1b8855dc643e3e1f]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 3 | a1712e518fbb73e1]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 4 | a0e5b68b5a4d3227]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 0 | 6d69977b8bb517ed]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 title "swa W160", \
         data index "[curve_val_loss | swa W160 seed 1 | 96537208eb94f607]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 2 | 12bb8fa0eac43ac2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 3 | e5f0d86e1328bccf]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 4 | c60c2a8269ba1bab]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.120869:0.541851]
    set key outside below height 1
    plot data index "[curve_val_accuracy | swa W40 seed 0 | fb6b8aa8fc9ff5f1]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 title "swa W40", \
         data index "[curve_val_accuracy | swa W40 seed 1 | c2c44635ec8893a3]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W40 seed 2 | 868a2cdcf48e42a8]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W40 seed 3 | 6ef6e34a3131eaaa]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W40 seed 4 | ce78eca79d649d44]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 0 | f373ee9537a3096d]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 title "swa W48", \
         data index "[curve_val_accuracy | swa W48 seed 1 | 48ddd7b638797f22]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 2 | d0ba00b2a748dc5a]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 3 | fad6cfd988f517bc]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 4 | 5b03e06228f5c71f]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | ce498520256a4542]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | dc0cc6dcdbdb689d]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | 73d3e52de6666e7e]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 3 | 63f043e6b84255f7]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 4 | c1edd44d11c0595e]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 0 | 5777d97da86c3c88]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 title "swa W96", \
         data index "[curve_val_accuracy | swa W96 seed 1 | 80e2198041ba12bc]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 2 | 1b8855dc643e3e1f]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 3 | a1712e518fbb73e1]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 4 | a0e5b68b5a4d3227]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 0 | 6d69977b8bb517ed]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 title "swa W160", \
         data index "[curve_val_accuracy | swa W160 seed 1 | 96537208eb94f607]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 2 | 12bb8fa0eac43ac2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 3 | e5f0d86e1328bccf]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 4 | c60c2a8269ba1bab]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle

    unset multiplot
    set output
}
