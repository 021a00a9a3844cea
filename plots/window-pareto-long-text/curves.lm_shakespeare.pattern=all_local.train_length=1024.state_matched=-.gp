# window-pareto-long-text: training curves, lm_shakespeare (all_local, train_length=1024, state_matched=–)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=-.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=-.png and curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=-.svg from curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=-.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=all_local.train_length=1024.state_matched=-." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_shakespeare (all_local, train_length=1024, state_matched=–)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | full seed 0 | 4154d63e1b73886d]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | fd5908626e113087]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | 06cf7a6462cb1c55]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 3 | ef6040f0e9986c35]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 4 | 992d0af97145cf2c]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 0 | b982ac7a47a5b570]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_loss | linear only seed 1 | 24464bfe42c02c62]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 2 | 236de676694b92a3]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 3 | fd0a61acacd4d286]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 4 | db67da90169b8ab5]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 0 | 4d16788c9b465604]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | swa W16 seed 1 | f22a2e633282d506]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 2 | 860754336aea3fc1]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 3 | e0f98a4ce8588fd4]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 4 | ec4ca608996bb93b]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 0 | b8fbcb062b164735]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_loss | swa W32 seed 1 | ae8dad90b19bb2e7]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 2 | 0edb91b2b3abd3e1]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 3 | 3a8ced9d623dddf4]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 4 | 7a77600816343231]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | e9695e4365049a74]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | b2a6d191d14974b5]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | 14457e9ac0ef01ab]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 3 | f53b719a65a68f10]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 4 | b3fd9691f915399e]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 0 | 66be864703943af4]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_loss | swa W128 seed 1 | d94ce2f25df99f74]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 2 | 112b21bb8e0fb886]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 3 | ec8de0fa103a6225]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 4 | 496ee733f50d5844]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 0 | fa673ec3a357fcf4]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W256", \
         data index "[curve_val_loss | swa W256 seed 1 | 4cd1e7072a9e2a0a]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 2 | e4767ebd550fa034]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 3 | 4c4b814b8b564bf2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W256 seed 4 | b64d59d6ab65ae19]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 0 | 8e40823164809a25]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_loss | ratt W16 seed 1 | 615ee51a763a8ba2]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 2 | 4fe89ee5ec486de3]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 3 | f146f8f743a6c20b]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 4 | b590ae6459af974c]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 0 | 9a674109fba36160]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_loss | ratt W32 seed 1 | 12a2e5d94bc131a3]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 2 | fe8887bc49e58ecc]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 3 | e47302506fc64a37]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 4 | badeb8bdfbb8ec69]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 0 | a186de991c53e69f]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_loss | ratt W64 seed 1 | 0a73616cbfba08fb]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 2 | 77dcb4ef455d7260]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 3 | b7a60f79720b3d18]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 4 | 89e979c8bb45679d]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 0 | 78fb6911f6bf5e21]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 title "ratt W128", \
         data index "[curve_val_loss | ratt W128 seed 1 | 106937fe92a2524e]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 2 | 4f3c298a39461aad]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 3 | 3a09f11232216bf1]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 4 | 8e3d1d922f3984e5]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 0 | 7581906e23b05b7b]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W256", \
         data index "[curve_val_loss | ratt W256 seed 1 | 0e5a1c2d0b89bdca]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 2 | 8b441244d7ddf5de]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 3 | d2f275e6ced90233]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W256 seed 4 | e9d1d68a6a8151e7]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.118716:0.54968]
    set key outside below height 1
    plot data index "[curve_val_accuracy | full seed 0 | 4154d63e1b73886d]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | fd5908626e113087]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | 06cf7a6462cb1c55]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 3 | ef6040f0e9986c35]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 4 | 992d0af97145cf2c]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 0 | b982ac7a47a5b570]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_accuracy | linear only seed 1 | 24464bfe42c02c62]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 2 | 236de676694b92a3]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 3 | fd0a61acacd4d286]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 4 | db67da90169b8ab5]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 0 | 4d16788c9b465604]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | swa W16 seed 1 | f22a2e633282d506]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 2 | 860754336aea3fc1]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 3 | e0f98a4ce8588fd4]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 4 | ec4ca608996bb93b]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 0 | b8fbcb062b164735]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_accuracy | swa W32 seed 1 | ae8dad90b19bb2e7]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 2 | 0edb91b2b3abd3e1]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 3 | 3a8ced9d623dddf4]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 4 | 7a77600816343231]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | e9695e4365049a74]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | b2a6d191d14974b5]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | 14457e9ac0ef01ab]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 3 | f53b719a65a68f10]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 4 | b3fd9691f915399e]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 0 | 66be864703943af4]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_accuracy | swa W128 seed 1 | d94ce2f25df99f74]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 2 | 112b21bb8e0fb886]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 3 | ec8de0fa103a6225]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 4 | 496ee733f50d5844]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 0 | fa673ec3a357fcf4]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W256", \
         data index "[curve_val_accuracy | swa W256 seed 1 | 4cd1e7072a9e2a0a]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 2 | e4767ebd550fa034]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 3 | 4c4b814b8b564bf2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W256 seed 4 | b64d59d6ab65ae19]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 0 | 8e40823164809a25]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_accuracy | ratt W16 seed 1 | 615ee51a763a8ba2]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 2 | 4fe89ee5ec486de3]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 3 | f146f8f743a6c20b]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 4 | b590ae6459af974c]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 0 | 9a674109fba36160]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_accuracy | ratt W32 seed 1 | 12a2e5d94bc131a3]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 2 | fe8887bc49e58ecc]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 3 | e47302506fc64a37]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 4 | badeb8bdfbb8ec69]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 0 | a186de991c53e69f]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_accuracy | ratt W64 seed 1 | 0a73616cbfba08fb]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 2 | 77dcb4ef455d7260]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 3 | b7a60f79720b3d18]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 4 | 89e979c8bb45679d]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 0 | 78fb6911f6bf5e21]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 title "ratt W128", \
         data index "[curve_val_accuracy | ratt W128 seed 1 | 106937fe92a2524e]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 2 | 4f3c298a39461aad]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 3 | 3a09f11232216bf1]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 4 | 8e3d1d922f3984e5]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 0 | 7581906e23b05b7b]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W256", \
         data index "[curve_val_accuracy | ratt W256 seed 1 | 0e5a1c2d0b89bdca]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 2 | 8b441244d7ddf5de]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 3 | d2f275e6ced90233]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W256 seed 4 | e9d1d68a6a8151e7]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
