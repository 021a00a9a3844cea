# window-pareto-long-text: accuracy by task and eval length (mean over seeds) (lllg, train_length=128, state_matched=rattention)
#
# accuracy (mean over seeds) of each task at each eval length, one panel per variant/window.
# Colour scale fixed at 0..1 (red: 0, yellow: 0.5, green: 1).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot heatmap-accuracy.pattern=lllg.train_length=128.state_matched=rattention.gp
# in this folder: it redraws heatmap-accuracy.pattern=lllg.train_length=128.state_matched=rattention.png and heatmap-accuracy.pattern=lllg.train_length=128.state_matched=rattention.svg from heatmap-accuracy.pattern=lllg.train_length=128.state_matched=rattention.dat.

width = 1260; height = 560   # pixels (svg: points)
fontspec = "sans,10"
data = "heatmap-accuracy.pattern=lllg.train_length=128.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "heatmap-accuracy.pattern=lllg.train_length=128.state_matched=rattention." . format
    set palette defined (0 "#d73027", 0.5 "#fee08b", 1 "#1a9850")
    unset key
    set tics nomirror
    set multiplot layout 2,3 title "window-pareto-long-text: accuracy by task and eval length (mean over seeds) (lllg, train_length=128, state_matched=rattention)" font ",12"

    # swa W34
    set title "swa W34"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W34]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W34]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # swa W36
    set title "swa W36"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W36]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W36]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # swa W40
    set title "swa W40"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W40]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W40]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # swa W48
    set title "swa W48"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W48]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W48]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # swa W64
    set title "swa W64"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W64]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W64]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    unset multiplot
    set output
}
