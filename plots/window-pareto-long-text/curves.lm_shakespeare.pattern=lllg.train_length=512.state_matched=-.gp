# window-pareto-long-text: training curves, lm_shakespeare (lllg, train_length=512, state_matched=–)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=-.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=-.png and curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=-.svg from curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=-.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=lllg.train_length=512.state_matched=-." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_shakespeare (lllg, train_length=512, state_matched=–)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | linear only seed 0 | 4d68d70ad5349245]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_loss | linear only seed 1 | b8c25b9d4a6138df]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 2 | 3868bdf6ba6b1e89]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 3 | 1fc2cf64e97d1419]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | linear only seed 4 | 2b0885e7d4571a59]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W8 seed 0 | 1d84156c617c11fe]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W8", \
         data index "[curve_val_loss | swa W8 seed 1 | e62dd28708c7e5b9]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W8 seed 2 | b109113f904b74e5]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W8 seed 3 | 615f07c22c7c72b4]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W8 seed 4 | 358d4ff07a1ad809]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 0 | 68414a0ede6607d4]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | swa W16 seed 1 | 665d92ec5f8b7b37]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 2 | d48164e04748d386]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 3 | 68cf7cc00a667ee9]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 4 | d334eb5a9ccfa49f]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 0 | d821f1dad3983a2a]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_loss | swa W32 seed 1 | f79bfaab36d3f777]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 2 | c73422a0675517bc]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 3 | df0f743f4c90745e]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W32 seed 4 | 6f5850bca3505929]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | d45d91ae1ba5db34]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | b46d07f9ac41ec32]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | 6303d908697de01b]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 3 | d613f4dfb22caf13]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 4 | f88a8980aa5e8c92]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 0 | 599f71cfad5edbf5]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_loss | swa W128 seed 1 | 40d6e870de46bdbd]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 2 | 1be0f1b78e1518bf]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 3 | 2b0bedd35d1879b7]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W128 seed 4 | 008768b9f2b8d6fb]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 0 | ff8b8185d41ed74a]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W8", \
         data index "[curve_val_loss | ratt W8 seed 1 | 0abfac3500bacb3c]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 2 | 16a0e7d69267924f]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 3 | 0e60c7e0c2003b51]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W8 seed 4 | d517d97d1eaa9458]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 0 | faa656b98deab382]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_loss | ratt W16 seed 1 | 234cefdbfe4196c0]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 2 | 14876013af9801fe]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 3 | 25363527bbdccafb]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 4 | 6722a6f935ba312c]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 0 | 44ba4e284ccfbb04]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_loss | ratt W32 seed 1 | e7b4a023a2acab08]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 2 | f3d1ea7fdf5c5064]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 3 | 1615558696e65351]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W32 seed 4 | 34bc15627f33956b]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 0 | 25035ff1d4795af4]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_loss | ratt W64 seed 1 | 20eb232ba6b8d591]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 2 | 4fea9e9391946d49]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 3 | e97e3e9984555a5e]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 4 | 3a45168efe37c4f0]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 0 | 578375c3f65e730a]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W128", \
         data index "[curve_val_loss | ratt W128 seed 1 | 5aaaaae2be7fe236]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 2 | 886450b9209129dc]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 3 | bb5b975e432b9c27]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W128 seed 4 | e146db5e61e276de]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.121094:0.542358]
    set key outside below height 1
    plot data index "[curve_val_accuracy | linear only seed 0 | 4d68d70ad5349245]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 title "linear only", \
         data index "[curve_val_accuracy | linear only seed 1 | b8c25b9d4a6138df]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 2 | 3868bdf6ba6b1e89]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 3 | 1fc2cf64e97d1419]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | linear only seed 4 | 2b0885e7d4571a59]" using 1:2 with lines lc rgb "#2ca02c" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W8 seed 0 | 1d84156c617c11fe]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W8", \
         data index "[curve_val_accuracy | swa W8 seed 1 | e62dd28708c7e5b9]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W8 seed 2 | b109113f904b74e5]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W8 seed 3 | 615f07c22c7c72b4]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W8 seed 4 | 358d4ff07a1ad809]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 0 | 68414a0ede6607d4]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | swa W16 seed 1 | 665d92ec5f8b7b37]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 2 | d48164e04748d386]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 3 | 68cf7cc00a667ee9]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 4 | d334eb5a9ccfa49f]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 0 | d821f1dad3983a2a]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 title "swa W32", \
         data index "[curve_val_accuracy | swa W32 seed 1 | f79bfaab36d3f777]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 2 | c73422a0675517bc]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 3 | df0f743f4c90745e]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W32 seed 4 | 6f5850bca3505929]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | d45d91ae1ba5db34]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | b46d07f9ac41ec32]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | 6303d908697de01b]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 3 | d613f4dfb22caf13]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 4 | f88a8980aa5e8c92]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 0 | 599f71cfad5edbf5]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W128", \
         data index "[curve_val_accuracy | swa W128 seed 1 | 40d6e870de46bdbd]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 2 | 1be0f1b78e1518bf]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 3 | 2b0bedd35d1879b7]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W128 seed 4 | 008768b9f2b8d6fb]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 0 | ff8b8185d41ed74a]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W8", \
         data index "[curve_val_accuracy | ratt W8 seed 1 | 0abfac3500bacb3c]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 2 | 16a0e7d69267924f]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 3 | 0e60c7e0c2003b51]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W8 seed 4 | d517d97d1eaa9458]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 0 | faa656b98deab382]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_accuracy | ratt W16 seed 1 | 234cefdbfe4196c0]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 2 | 14876013af9801fe]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 3 | 25363527bbdccafb]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 4 | 6722a6f935ba312c]" using 1:2 with lines lc rgb "#e47071" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 0 | 44ba4e284ccfbb04]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 title "ratt W32", \
         data index "[curve_val_accuracy | ratt W32 seed 1 | e7b4a023a2acab08]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 2 | f3d1ea7fdf5c5064]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 3 | 1615558696e65351]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W32 seed 4 | 34bc15627f33956b]" using 1:2 with lines lc rgb "#df5858" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 0 | 25035ff1d4795af4]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_accuracy | ratt W64 seed 1 | 20eb232ba6b8d591]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 2 | 4fea9e9391946d49]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 3 | e97e3e9984555a5e]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 4 | 3a45168efe37c4f0]" using 1:2 with lines lc rgb "#db3f40" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 0 | 578375c3f65e730a]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W128", \
         data index "[curve_val_accuracy | ratt W128 seed 1 | 5aaaaae2be7fe236]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 2 | 886450b9209129dc]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 3 | bb5b975e432b9c27]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W128 seed 4 | e146db5e61e276de]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
