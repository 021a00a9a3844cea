# window-pareto-long-text: training curves, lm_shakespeare (lllg, train_length=1024, state_matched=rattention)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=rattention.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=rattention.png and curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=rattention.svg from curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=rattention.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=lllg.train_length=1024.state_matched=rattention." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: training curves, lm_shakespeare (lllg, train_length=1024, state_matched=rattention)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | swa W48 seed 0 | 7f5890eb83176424]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 title "swa W48", \
         data index "[curve_val_loss | swa W48 seed 1 | 0f770c4dc0739493]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 2 | 442ec460af04ff22]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 3 | f86783e9afbe0e40]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W48 seed 4 | c33aa3cce90e4af5]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | 6e529003acc52b4e]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | 082a4d0a86bf2097]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | 182aa1e243b8573a]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 3 | a13cb2a9c674d3b8]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 4 | a02476d0fd748d1d]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 0 | 5167d15c4a635ef7]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 title "swa W96", \
         data index "[curve_val_loss | swa W96 seed 1 | 224439400751d6a0]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 2 | 5a9ba1bb8839f563]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 3 | 8aa3692acae75329]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W96 seed 4 | 6921a8286c627d37]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 0 | 33d2e3a53ea15522]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 title "swa W160", \
         data index "[curve_val_loss | swa W160 seed 1 | ee8b7c8db216a715]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 2 | a1e21f64e098dbcc]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 3 | 6aaac524a5cdec43]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W160 seed 4 | 30db597a2f903d6b]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 0 | c0b42a9359dfec1d]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 title "swa W288", \
         data index "[curve_val_loss | swa W288 seed 1 | 3e45ab9f2a15d5a2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 2 | 97596103be914ff3]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 3 | 0652661c79619a00]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W288 seed 4 | 0acaa691ff740702]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.119531:0.545752]
    set key outside below height 1
    plot data index "[curve_val_accuracy | swa W48 seed 0 | 7f5890eb83176424]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 title "swa W48", \
         data index "[curve_val_accuracy | swa W48 seed 1 | 0f770c4dc0739493]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 2 | 442ec460af04ff22]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 3 | f86783e9afbe0e40]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W48 seed 4 | c33aa3cce90e4af5]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | 6e529003acc52b4e]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | 082a4d0a86bf2097]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | 182aa1e243b8573a]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 3 | a13cb2a9c674d3b8]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 4 | a02476d0fd748d1d]" using 1:2 with lines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 0 | 5167d15c4a635ef7]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 title "swa W96", \
         data index "[curve_val_accuracy | swa W96 seed 1 | 224439400751d6a0]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 2 | 5a9ba1bb8839f563]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 3 | 8aa3692acae75329]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W96 seed 4 | 6921a8286c627d37]" using 1:2 with lines lc rgb "#5196c5" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 0 | 33d2e3a53ea15522]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 title "swa W160", \
         data index "[curve_val_accuracy | swa W160 seed 1 | ee8b7c8db216a715]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 2 | a1e21f64e098dbcc]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 3 | 6aaac524a5cdec43]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W160 seed 4 | 30db597a2f903d6b]" using 1:2 with lines lc rgb "#3886bc" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 0 | c0b42a9359dfec1d]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 title "swa W288", \
         data index "[curve_val_accuracy | swa W288 seed 1 | 3e45ab9f2a15d5a2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 2 | 97596103be914ff3]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 3 | 0652661c79619a00]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W288 seed 4 | 0acaa691ff740702]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 2 lw 1.2 notitle

    unset multiplot
    set output
}
