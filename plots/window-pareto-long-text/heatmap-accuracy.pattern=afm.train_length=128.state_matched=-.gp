# window-pareto-long-text: accuracy by task and eval length (mean over seeds) (afm, train_length=128, state_matched=–)
#
# accuracy (mean over seeds) of each task at each eval length, one panel per variant/window.
# Colour scale fixed at 0..1 (red: 0, yellow: 0.5, green: 1).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot heatmap-accuracy.pattern=afm.train_length=128.state_matched=-.gp
# in this folder: it redraws heatmap-accuracy.pattern=afm.train_length=128.state_matched=-.png and heatmap-accuracy.pattern=afm.train_length=128.state_matched=-.svg from heatmap-accuracy.pattern=afm.train_length=128.state_matched=-.dat.

width = 968; height = 300   # pixels (svg: points)
fontspec = "sans,10"
data = "heatmap-accuracy.pattern=afm.train_length=128.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "heatmap-accuracy.pattern=afm.train_length=128.state_matched=-." . format
    set palette defined (0 "#d73027", 0.5 "#fee08b", 1 "#1a9850")
    unset key
    set tics nomirror
    set multiplot layout 1,1 title "window-pareto-long-text: accuracy by task and eval length (mean over seeds) (afm, train_length=128, state_matched=–)" font ",12"

    # full
    set title "full"
    set xrange [-0.5:2.5]
    set yrange [-0.5:1.5]
    set xtics ("128" 0, "256" 1, "512" 2)
    set ytics ("lm_linux_c" 0, "lm_shakespeare" 1)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[full]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[full]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    unset multiplot
    set output
}
