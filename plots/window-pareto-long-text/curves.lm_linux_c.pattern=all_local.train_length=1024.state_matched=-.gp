# window-pareto-long-text: training curves, lm_linux_c (all_local, train_length=1024, state_matched=–)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=-.gp
# in this folder: it redraws curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=-.png and curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=-.svg from curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=-.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_linux_c.pattern=all_local.train_length=1024.state_matched=-." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_linux_c (all_local, train_length=1024, state_matched=–)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | full seed 0 | 0f994c70da4e7552]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | ac2151dfd9638568]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | 147cf2afbbdcb0e4]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 3 | 0de01797fd49cc8c]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 4 | 60cd5a8406f48f48]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 0 | ac6c477105e80343]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_loss | linear only seed 1 | 5692b52efb1e68dd]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 2 | a5890e856deae4ef]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 3 | 93368ee4c3bbf625]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 4 | c29368e4ee65460a]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 0 | 1741965af4ac3869]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | swa W16 seed 1 | 4658448d7a94229b]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 2 | 2295660d838d55c2]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 3 | b27f27d0b675fe12]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 4 | 9a3da7cb15841bb5]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 0 | 187a5e743ced56de]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_loss | swa W32 seed 1 | cf629ddb84bf9c50]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 2 | f5f7fcf17200efda]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 3 | dcff6afaf8c02bc3]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 4 | 0486063caec86ed7]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | a301e32a0600a714]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | eca16d501b50e42e]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | ff7fc4a8d21dd636]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 3 | 0d4040e53d4d311a]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 4 | d19011b8c4153c2b]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 0 | 1272b4ee650b616a]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_loss | swa W128 seed 1 | bed1b47c9eaad0c6]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 2 | 9863eff9c5f01728]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 3 | 17aac4f65087cdec]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 4 | 1a7a426e4e7563f4]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 0 | 178eaf809ee2886c]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W256", \
         data index "[curve_val_loss | swa W256 seed 1 | 6f6709e396513384]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 2 | c6cb80d6368fdcb8]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 3 | fe2ef92046ee23d8]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 4 | 98c43e61659406e2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 0 | 988e975039abeca4]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_loss | ratt W16 seed 1 | 803bbb45dfeb56b5]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 2 | e701b746ef3dacc4]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 3 | 52381726d0c80b94]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 4 | 85e7b4386c965e4b]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 0 | 1831f90ef362dd92]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_loss | ratt W32 seed 1 | 0c2c5a62c68b5f2b]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 2 | 2075a024b0da3dd3]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 3 | 4deb4c07ffdcf73a]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 4 | 22beb3c137ba7dba]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 0 | 417e3e7b611f5dee]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_loss | ratt W64 seed 1 | fde0b557761933d0]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 2 | ea4a7919f3868aae]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 3 | dfb042eb1e92227b]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 4 | 7546823c3e7a1138]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 0 | 11b9e2839a92b37d]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 title "ratt W128", \
         data index "[curve_val_loss | ratt W128 seed 1 | 31466bb791ec1b81]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 2 | bb9f11c210b23ca4]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 3 | 27dc2b7ba039709e]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 4 | 1603148171e65e55]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 0 | a174ea72cd05a21b]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W256", \
         data index "[curve_val_loss | ratt W256 seed 1 | 24cbc68e61daa154]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 2 | 3c4cc5732a2a1af7]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 3 | f6e71e2c63764aaf]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 4 | e8020c4e2af3aa21]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.0715967:0.612302]
    set key outside below height 1
    plot data index "[curve_val_accuracy | full seed 0 | 0f994c70da4e7552]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | ac2151dfd9638568]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | 147cf2afbbdcb0e4]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 3 | 0de01797fd49cc8c]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 4 | 60cd5a8406f48f48]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 0 | ac6c477105e80343]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_accuracy | linear only seed 1 | 5692b52efb1e68dd]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 2 | a5890e856deae4ef]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 3 | 93368ee4c3bbf625]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 4 | c29368e4ee65460a]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 0 | 1741965af4ac3869]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | swa W16 seed 1 | 4658448d7a94229b]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 2 | 2295660d838d55c2]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 3 | b27f27d0b675fe12]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 4 | 9a3da7cb15841bb5]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 0 | 187a5e743ced56de]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_accuracy | swa W32 seed 1 | cf629ddb84bf9c50]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 2 | f5f7fcf17200efda]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 3 | dcff6afaf8c02bc3]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 4 | 0486063caec86ed7]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | a301e32a0600a714]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | eca16d501b50e42e]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | ff7fc4a8d21dd636]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 3 | 0d4040e53d4d311a]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 4 | d19011b8c4153c2b]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 0 | 1272b4ee650b616a]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_accuracy | swa W128 seed 1 | bed1b47c9eaad0c6]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 2 | 9863eff9c5f01728]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 3 | 17aac4f65087cdec]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 4 | 1a7a426e4e7563f4]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 0 | 178eaf809ee2886c]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W256", \
         data index "[curve_val_accuracy | swa W256 seed 1 | 6f6709e396513384]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 2 | c6cb80d6368fdcb8]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 3 | fe2ef92046ee23d8]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 4 | 98c43e61659406e2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 0 | 988e975039abeca4]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_accuracy | ratt W16 seed 1 | 803bbb45dfeb56b5]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 2 | e701b746ef3dacc4]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 3 | 52381726d0c80b94]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 4 | 85e7b4386c965e4b]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 0 | 1831f90ef362dd92]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_accuracy | ratt W32 seed 1 | 0c2c5a62c68b5f2b]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 2 | 2075a024b0da3dd3]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 3 | 4deb4c07ffdcf73a]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 4 | 22beb3c137ba7dba]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 0 | 417e3e7b611f5dee]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_accuracy | ratt W64 seed 1 | fde0b557761933d0]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 2 | ea4a7919f3868aae]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 3 | dfb042eb1e92227b]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 4 | 7546823c3e7a1138]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 0 | 11b9e2839a92b37d]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 title "ratt W128", \
         data index "[curve_val_accuracy | ratt W128 seed 1 | 31466bb791ec1b81]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 2 | bb9f11c210b23ca4]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 3 | 27dc2b7ba039709e]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 4 | 1603148171e65e55]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 0 | a174ea72cd05a21b]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W256", \
         data index "[curve_val_accuracy | ratt W256 seed 1 | 24cbc68e61daa154]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 2 | 3c4cc5732a2a1af7]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 3 | f6e71e2c63764aaf]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 4 | e8020c4e2af3aa21]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
