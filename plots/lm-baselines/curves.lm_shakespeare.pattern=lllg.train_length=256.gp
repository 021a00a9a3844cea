# lm-baselines: training curves, lm_shakespeare (lllg, train_length=256)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/lm-baselines.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=lllg.train_length=256.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=lllg.train_length=256.png and curves.lm_shakespeare.pattern=lllg.train_length=256.svg from curves.lm_shakespeare.pattern=lllg.train_length=256.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=lllg.train_length=256.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=lllg.train_length=256." . format
    set grid
    set multiplot layout 1,2 title "lm-baselines: training curves, lm_shakespeare (lllg, train_length=256)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | swa W16 seed 0 | be9b98efe0767c22]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | swa W16 seed 1 | f0d51386f6ac8a15]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 2 | c3cda038fdf4b2f9]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | d6e1b55333d42d71]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | 46bc43d0470d40f5]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | ab1308ddd6186b9a]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 0 | 34be96a99c18fd9b]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_loss | ratt W16 seed 1 | 719aac6e19a804e1]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 2 | 76874b3e95c2e7bf]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 0 | e23cf87576690a34]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_loss | ratt W64 seed 1 | 2a0d68db680f7d78]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 2 | e8064f43832d1f14]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.13415:0.465215]
    set key outside below height 1
    plot data index "[curve_val_accuracy | swa W16 seed 0 | be9b98efe0767c22]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | swa W16 seed 1 | f0d51386f6ac8a15]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 2 | c3cda038fdf4b2f9]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | d6e1b55333d42d71]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | 46bc43d0470d40f5]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | ab1308ddd6186b9a]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 0 | 34be96a99c18fd9b]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_accuracy | ratt W16 seed 1 | 719aac6e19a804e1]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 2 | 76874b3e95c2e7bf]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 0 | e23cf87576690a34]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_accuracy | ratt W64 seed 1 | 2a0d68db680f7d78]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 2 | e8064f43832d1f14]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
