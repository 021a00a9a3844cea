# window-pareto-long-text: training curves, lm_linux_c (lllg, train_length=1024, state_matched=–)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_linux_c.pattern=lllg.train_length=1024.state_matched=-.gp
# in this folder: it redraws curves.lm_linux_c.pattern=lllg.train_length=1024.state_matched=-.png and curves.lm_linux_c.pattern=lllg.train_length=1024.state_matched=-.svg from curves.lm_linux_c.pattern=lllg.train_length=1024.state_matched=-.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_linux_c.pattern=lllg.train_length=1024.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_linux_c.pattern=lllg.train_length=1024.state_matched=-." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_linux_c (lllg, train_length=1024, state_matched=–)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | linear only seed 0 | ae52e4fe8efa1105]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_loss | swa W16 seed 0 | 8024d2b090d7f8c2]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | swa W32 seed 0 | 9bd694dae08b7eaf]" using 1:2 with lines lc rgb "#62a0cb" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_loss | swa W64 seed 0 | 1c97456b17ccce23]" using 1:2 with lines lc rgb "#418bbf" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W128 seed 0 | 1e710f4f160c14cd]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_loss | ratt W16 seed 0 | 5009cd96ed169626]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_loss | ratt W32 seed 0 | 5806caab69ea5d99]" using 1:2 with lines lc rgb "#e26869" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_loss | ratt W64 seed 0 | 4fedb758ff3426b0]" using 1:2 with lines lc rgb "#dc4748" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_loss | ratt W128 seed 0 | a9f588a870fd33ab]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W128"

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.0729199:0.615679]
    set key outside below height 1
    plot data index "[curve_val_accuracy | linear only seed 0 | ae52e4fe8efa1105]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_accuracy | swa W16 seed 0 | 8024d2b090d7f8c2]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | swa W32 seed 0 | 9bd694dae08b7eaf]" using 1:2 with lines lc rgb "#62a0cb" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_accuracy | swa W64 seed 0 | 1c97456b17ccce23]" using 1:2 with lines lc rgb "#418bbf" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W128 seed 0 | 1e710f4f160c14cd]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_accuracy | ratt W16 seed 0 | 5009cd96ed169626]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_accuracy | ratt W32 seed 0 | 5806caab69ea5d99]" using 1:2 with lines lc rgb "#e26869" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_accuracy | ratt W64 seed 0 | 4fedb758ff3426b0]" using 1:2 with lines lc rgb "#dc4748" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_accuracy | ratt W128 seed 0 | a9f588a870fd33ab]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W128"

    unset multiplot
    set output
}
