# window-pareto-long-text: training curves, lm_shakespeare (lllg, train_length=1024, state_matched=–)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=-.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=-.png and curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=-.svg from curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=-.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=-." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_shakespeare (lllg, train_length=1024, state_matched=–)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | linear only seed 0 | 1fdeec079148395e]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_loss | linear only seed 1 | 3f99535f1ca90408]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 2 | 1e6f1809e2671c9a]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 3 | b5d96acc65d4c1ef]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 4 | 940327ce6f6b53bc]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 0 | a7ec9ebbf0e8b08f]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | swa W16 seed 1 | fa2c51fe94d750ac]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 2 | c91a16a2af654d64]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 3 | aac9008cae6a2ef2]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 4 | fb7b6b190fce44cb]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 0 | 084c12846c50f2af]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_loss | swa W32 seed 1 | 1f0802e221699fb1]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 2 | fa43d7a821c2ff68]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 3 | c2fa69422e22c141]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 4 | a71edcbf49e1d07d]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | 387f57e22ecda1e8]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | 48bab5a31489fdef]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | 83058c5aaac8782d]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 3 | c20691bfbcac27e7]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 4 | 12a21607b3b1cb23]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 0 | 46746023715f4e96]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_loss | swa W128 seed 1 | a467a32c6bd8b175]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 2 | 93a6ecbbf748fdf2]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 3 | 7f5fe8f419ee299c]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 4 | 92965c8567a1a4a5]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 0 | 48cf28909230a8c6]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W256", \
         data index "[curve_val_loss | swa W256 seed 1 | ef49c63bcd62a016]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 2 | dd5b6673d6f2742f]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 3 | cbf9c5aabc7b41de]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 4 | 4e7cfa59a00cb914]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 0 | a81204c14d3362ce]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_loss | ratt W16 seed 1 | 143fa01f65961e5e]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 2 | 983bf8699ce6a36f]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 3 | bc31b62654f3aeb7]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 4 | 58ce2ca69c53324c]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 0 | 19fcbca727f6868b]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_loss | ratt W32 seed 1 | 7f457d9d27747431]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 2 | d90fca9163a66b09]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 3 | ade81745c0e2caee]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 4 | 851e3cd09a052644]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 0 | b9dfeee1e7145ed3]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_loss | ratt W64 seed 1 | 617af1356983e75c]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 2 | 15cb204ceb482dca]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 3 | dd7e8c2f9bf849f9]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 4 | e92aa0e6d2389c1d]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 0 | 1992b8907674b6e1]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 title "ratt W128", \
         data index "[curve_val_loss | ratt W128 seed 1 | 82e56ac592f15bdf]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 2 | 8190bcc1ac922b34]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 3 | 2370bd80e95cfc86]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 4 | d5638b98932f3e4d]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 0 | 3cb239e560d36d20]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W256", \
         data index "[curve_val_loss | ratt W256 seed 1 | 6c10661727908b14]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 2 | 0d04b8ba500c7557]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 3 | 814d9c2b9c3a53f2]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 4 | 8fc801ca23239f4c]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.11918:0.548728]
    set key outside below height 1
    plot data index "[curve_val_accuracy | linear only seed 0 | 1fdeec079148395e]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_accuracy | linear only seed 1 | 3f99535f1ca90408]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 2 | 1e6f1809e2671c9a]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 3 | b5d96acc65d4c1ef]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 4 | 940327ce6f6b53bc]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 0 | a7ec9ebbf0e8b08f]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | swa W16 seed 1 | fa2c51fe94d750ac]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 2 | c91a16a2af654d64]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 3 | aac9008cae6a2ef2]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 4 | fb7b6b190fce44cb]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 0 | 084c12846c50f2af]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_accuracy | swa W32 seed 1 | 1f0802e221699fb1]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 2 | fa43d7a821c2ff68]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 3 | c2fa69422e22c141]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 4 | a71edcbf49e1d07d]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | 387f57e22ecda1e8]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | 48bab5a31489fdef]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | 83058c5aaac8782d]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 3 | c20691bfbcac27e7]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 4 | 12a21607b3b1cb23]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 0 | 46746023715f4e96]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_accuracy | swa W128 seed 1 | a467a32c6bd8b175]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 2 | 93a6ecbbf748fdf2]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 3 | 7f5fe8f419ee299c]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 4 | 92965c8567a1a4a5]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 0 | 48cf28909230a8c6]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W256", \
         data index "[curve_val_accuracy | swa W256 seed 1 | ef49c63bcd62a016]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 2 | dd5b6673d6f2742f]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 3 | cbf9c5aabc7b41de]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 4 | 4e7cfa59a00cb914]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 0 | a81204c14d3362ce]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_accuracy | ratt W16 seed 1 | 143fa01f65961e5e]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 2 | 983bf8699ce6a36f]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 3 | bc31b62654f3aeb7]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 4 | 58ce2ca69c53324c]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 0 | 19fcbca727f6868b]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_accuracy | ratt W32 seed 1 | 7f457d9d27747431]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 2 | d90fca9163a66b09]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 3 | ade81745c0e2caee]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 4 | 851e3cd09a052644]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 0 | b9dfeee1e7145ed3]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_accuracy | ratt W64 seed 1 | 617af1356983e75c]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 2 | 15cb204ceb482dca]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 3 | dd7e8c2f9bf849f9]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 4 | e92aa0e6d2389c1d]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 0 | 1992b8907674b6e1]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 title "ratt W128", \
         data index "[curve_val_accuracy | ratt W128 seed 1 | 82e56ac592f15bdf]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 2 | 8190bcc1ac922b34]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 3 | 2370bd80e95cfc86]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 4 | d5638b98932f3e4d]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 0 | 3cb239e560d36d20]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W256", \
         data index "[curve_val_accuracy | ratt W256 seed 1 | 6c10661727908b14]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 2 | 0d04b8ba500c7557]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 3 | 814d9c2b9c3a53f2]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 4 | 8fc801ca23239f4c]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
