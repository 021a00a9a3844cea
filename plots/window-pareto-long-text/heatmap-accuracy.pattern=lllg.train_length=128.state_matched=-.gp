# window-pareto-long-text: accuracy by task and eval length (mean over seeds) (lllg, train_length=128, state_matched=–)
#
# accuracy (mean over seeds) of each task at each eval length, one panel per variant/window.
# Colour scale fixed at 0..1 (red: 0, yellow: 0.5, green: 1).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot heatmap-accuracy.pattern=lllg.train_length=128.state_matched=-.gp
# in this folder: it redraws heatmap-accuracy.pattern=lllg.train_length=128.state_matched=-.png and heatmap-accuracy.pattern=lllg.train_length=128.state_matched=-.svg from heatmap-accuracy.pattern=lllg.train_length=128.state_matched=-.dat.

width = 1260; height = 1080   # pixels (svg: points)
fontspec = "sans,10"
data = "heatmap-accuracy.pattern=lllg.train_length=128.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "heatmap-accuracy.pattern=lllg.train_length=128.state_matched=-." . format
    set palette defined (0 "#d73027", 0.5 "#fee08b", 1 "#1a9850")
    unset key
    set tics nomirror
    set multiplot layout 4,3 title "window-pareto-long-text: accuracy by task and eval length (mean over seeds) (lllg, train_length=128, state_matched=–)" font ",12"

    # linear only
    set title "linear only"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[linear only]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[linear only]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # swa W2
    set title "swa W2"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W2]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W2]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # swa W4
    set title "swa W4"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W4]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W4]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # swa W8
    set title "swa W8"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W8]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W8]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # swa W16
    set title "swa W16"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W16]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W16]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # swa W32
    set title "swa W32"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W32]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W32]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # ratt W2
    set title "ratt W2"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[ratt W2]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[ratt W2]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # ratt W4
    set title "ratt W4"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[ratt W4]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[ratt W4]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # ratt W8
    set title "ratt W8"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[ratt W8]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[ratt W8]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # ratt W16
    set title "ratt W16"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[ratt W16]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[ratt W16]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # ratt W32
    set title "ratt W32"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[ratt W32]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[ratt W32]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    unset multiplot
    set output
}
