# window-pareto-long-text: training curves, lm_shakespeare (lllg, train_length=512, state_matched=rattention)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=rattention.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=rattention.png and curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=rattention.svg from curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=rattention.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=rattention." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_shakespeare (lllg, train_length=512, state_matched=rattention)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | swa W40 seed 0 | b836a2cd058eb5d3]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 title "swa W40", \
         data index "[curve_val_loss | swa W40 seed 1 | 5c42861f7f703f1f]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W40 seed 2 | b805113157f2d6cf]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W40 seed 3 | e97cb1c5f69b1675]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W40 seed 4 | 6061fb0cbf63858a]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 0 | 3bfec4bbc1d772c2]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 title "swa W48", \
         data index "[curve_val_loss | swa W48 seed 1 | 428639794d00fee4]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 2 | 6ffb7312045c18fb]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 3 | 0fc6425d4942224e]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 4 | 458864ca314c54e7]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | 7c954b884d1ed452]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | 135d2052b4420228]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | 10730b66af04a6a7]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 3 | f564f46730a1b62a]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 4 | 4701214d53a08819]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 0 | 8dca39f1325c5425]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 title "swa W96", \
         data index "[curve_val_loss | swa W96 seed 1 | f1c5d1ad49278017]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 2 | 8558cda4fd6cd893]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 3 | d39099e7a1f50cf0]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 4 | e47bf1f4c1abbf0b]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 0 | 6462d2fa69259cdc]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 title "swa W160", \
         data index "[curve_val_loss | swa W160 seed 1 | f8559c4e96eb0bb0]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 2 | 7a2d3b95d0ff012f]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 3 | 5f284e521f87f668]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 4 | 064fe17185039196]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.121377:0.538535]
    set key outside below height 1
    plot data index "[curve_val_accuracy | swa W40 seed 0 | b836a2cd058eb5d3]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 title "swa W40", \
         data index "[curve_val_accuracy | swa W40 seed 1 | 5c42861f7f703f1f]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W40 seed 2 | b805113157f2d6cf]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W40 seed 3 | e97cb1c5f69b1675]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W40 seed 4 | 6061fb0cbf63858a]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 0 | 3bfec4bbc1d772c2]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 title "swa W48", \
         data index "[curve_val_accuracy | swa W48 seed 1 | 428639794d00fee4]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 2 | 6ffb7312045c18fb]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 3 | 0fc6425d4942224e]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 4 | 458864ca314c54e7]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | 7c954b884d1ed452]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | 135d2052b4420228]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | 10730b66af04a6a7]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 3 | f564f46730a1b62a]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 4 | 4701214d53a08819]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 0 | 8dca39f1325c5425]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 title "swa W96", \
         data index "[curve_val_accuracy | swa W96 seed 1 | f1c5d1ad49278017]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 2 | 8558cda4fd6cd893]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 3 | d39099e7a1f50cf0]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 4 | e47bf1f4c1abbf0b]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 0 | 6462d2fa69259cdc]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 title "swa W160", \
         data index "[curve_val_accuracy | swa W160 seed 1 | f8559c4e96eb0bb0]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 2 | 7a2d3b95d0ff012f]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 3 | 5f284e521f87f668]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 4 | 064fe17185039196]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle

    unset multiplot
    set output
}
