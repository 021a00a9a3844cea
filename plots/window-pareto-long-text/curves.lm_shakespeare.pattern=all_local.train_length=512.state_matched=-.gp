# window-pareto-long-text: training curves, lm_shakespeare (all_local, train_length=512, state_matched=–)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=-.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=-.png and curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=-.svg from curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=-.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=all_local.train_length=512.state_matched=-." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_shakespeare (all_local, train_length=512, state_matched=–)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | full seed 0 | a214ffa8287f924a]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | 26fcc744e70cf806]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | 3799ab80b9a9fb7c]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 3 | cda8250ab0440a25]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 4 | cb808f964bfc9fe8]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 0 | 1f5d81c9dab065d8]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_loss | linear only seed 1 | b8e45fad30be2735]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 2 | 5a6cf0395047b888]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 3 | dca547e79dbb72d0]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 4 | ec320cf79f7e14e8]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W8 seed 0 | 9e494141190fdff2]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W8", \
         data index "[curve_val_loss | swa W8 seed 1 | b59fecc027c49205]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W8 seed 2 | 7b4a81806d6e5d1c]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W8 seed 3 | 0b7255082dbdb34a]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W8 seed 4 | 89d7d274a688dd2d]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 0 | be7832475eeb0216]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | swa W16 seed 1 | c62bff98b5fee142]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 2 | d94e3289e3a4977d]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 3 | 0e46546832a3d0c8]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 4 | cb0734ff96c3694c]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 0 | f8032b011c372762]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_loss | swa W32 seed 1 | 5bb58e149ffdfe8b]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 2 | d68e85e4eaccec20]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 3 | 490b8d2ecdb74522]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 4 | 2858a8e4fa574884]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | 0e3b6ad5ea87c426]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | a43feb3ee8f2f516]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | 32f2e0469e1c48a0]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 3 | cc882c0d961dff51]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 4 | a18d5132cb936cda]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 0 | 4a04b9aebf6e8e2e]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_loss | swa W128 seed 1 | 208333032ae82562]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 2 | 5c5cd085df98a583]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 3 | c024258a7a988655]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 4 | c2b0875b897eb5e8]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 0 | 8992a3d3ba987db4]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W8", \
         data index "[curve_val_loss | ratt W8 seed 1 | 5d6d9bb2ba18adf2]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 2 | c23cd4b94fa98ebd]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 3 | e524b584d2a33a68]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 4 | 9776f4acb45ed977]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 0 | 0bfaf9c3c5ca496d]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_loss | ratt W16 seed 1 | abba4c1d7a34ce5c]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 2 | ffe7e7916269d82e]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 3 | 8a2d570337e1f568]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 4 | 19c30cdeb7955c9d]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 0 | 3f239941d887e30d]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_loss | ratt W32 seed 1 | 23c0c708b4b113ef]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 2 | 5b4f9eeb25d4eec6]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 3 | b8afd55be263ac8c]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 4 | 9d5f1e020834fa68]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 0 | a048cd5129830923]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_loss | ratt W64 seed 1 | 3becdb049392a220]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 2 | 2cbdf60363f3814b]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 3 | 7bb484762d26666d]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 4 | 39cbdccc6ea07a99]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 0 | 809d462acf42036e]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W128", \
         data index "[curve_val_loss | ratt W128 seed 1 | f391a9e157b387e7]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 2 | 6eb97b4f08ce3f1a]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 3 | 287de72d9697759b]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 4 | de18ed0211784ddd]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.12123:0.540513]
    set key outside below height 1
    plot data index "[curve_val_accuracy | full seed 0 | a214ffa8287f924a]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | 26fcc744e70cf806]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | 3799ab80b9a9fb7c]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 3 | cda8250ab0440a25]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 4 | cb808f964bfc9fe8]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 0 | 1f5d81c9dab065d8]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_accuracy | linear only seed 1 | b8e45fad30be2735]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 2 | 5a6cf0395047b888]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 3 | dca547e79dbb72d0]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 4 | ec320cf79f7e14e8]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W8 seed 0 | 9e494141190fdff2]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W8", \
         data index "[curve_val_accuracy | swa W8 seed 1 | b59fecc027c49205]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W8 seed 2 | 7b4a81806d6e5d1c]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W8 seed 3 | 0b7255082dbdb34a]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W8 seed 4 | 89d7d274a688dd2d]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 0 | be7832475eeb0216]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | swa W16 seed 1 | c62bff98b5fee142]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 2 | d94e3289e3a4977d]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 3 | 0e46546832a3d0c8]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 4 | cb0734ff96c3694c]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 0 | f8032b011c372762]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_accuracy | swa W32 seed 1 | 5bb58e149ffdfe8b]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 2 | d68e85e4eaccec20]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 3 | 490b8d2ecdb74522]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 4 | 2858a8e4fa574884]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | 0e3b6ad5ea87c426]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | a43feb3ee8f2f516]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | 32f2e0469e1c48a0]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 3 | cc882c0d961dff51]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 4 | a18d5132cb936cda]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 0 | 4a04b9aebf6e8e2e]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_accuracy | swa W128 seed 1 | 208333032ae82562]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 2 | 5c5cd085df98a583]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 3 | c024258a7a988655]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 4 | c2b0875b897eb5e8]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 0 | 8992a3d3ba987db4]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W8", \
         data index "[curve_val_accuracy | ratt W8 seed 1 | 5d6d9bb2ba18adf2]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 2 | c23cd4b94fa98ebd]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 3 | e524b584d2a33a68]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 4 | 9776f4acb45ed977]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 0 | 0bfaf9c3c5ca496d]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_accuracy | ratt W16 seed 1 | abba4c1d7a34ce5c]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 2 | ffe7e7916269d82e]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 3 | 8a2d570337e1f568]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 4 | 19c30cdeb7955c9d]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 0 | 3f239941d887e30d]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_accuracy | ratt W32 seed 1 | 23c0c708b4b113ef]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 2 | 5b4f9eeb25d4eec6]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 3 | b8afd55be263ac8c]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 4 | 9d5f1e020834fa68]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 0 | a048cd5129830923]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_accuracy | ratt W64 seed 1 | 3becdb049392a220]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 2 | 2cbdf60363f3814b]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 3 | 7bb484762d26666d]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 4 | 39cbdccc6ea07a99]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 0 | 809d462acf42036e]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W128", \
         data index "[curve_val_accuracy | ratt W128 seed 1 | f391a9e157b387e7]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 2 | 6eb97b4f08ce3f1a]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 3 | 287de72d9697759b]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 4 | de18ed0211784ddd]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
