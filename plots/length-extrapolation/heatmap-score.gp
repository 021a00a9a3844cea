# length-extrapolation: generation score by task and eval length (mean over seeds)
#
# score (mean over seeds) of each task at each eval length, one panel per variant/window.
# Colour scale fixed at 0..1 (red: 0, yellow: 0.5, green: 1).
#
# Written by `attnlab plot studies/length-extrapolation.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot heatmap-score.gp
# in this folder: it redraws heatmap-score.png and heatmap-score.svg from heatmap-score.dat.

width = 1260; height = 560   # pixels (svg: points)
fontspec = "sans,10"
data = "heatmap-score.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "heatmap-score." . format
    set palette defined (0 "#d73027", 0.5 "#fee08b", 1 "#1a9850")
    unset key
    set tics nomirror
    set multiplot layout 2,3 title "length-extrapolation: generation score by task and eval length (mean over seeds)" font ",12"

    # full
    set title "full"
    set xrange [-0.5:3.5]
    set yrange [-0.5:0.5]
    set xtics ("128" 0, "256" 1, "512" 2, "1024" 3)
    set ytics ("niah_single_1" 0)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[full]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[full]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # linear only
    set title "linear only"
    set xrange [-0.5:3.5]
    set yrange [-0.5:0.5]
    set xtics ("128" 0, "256" 1, "512" 2, "1024" 3)
    set ytics ("niah_single_1" 0)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[linear only]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[linear only]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # swa W32
    set title "swa W32"
    set xrange [-0.5:3.5]
    set yrange [-0.5:0.5]
    set xtics ("128" 0, "256" 1, "512" 2, "1024" 3)
    set ytics ("niah_single_1" 0)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[swa W32]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[swa W32]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    # ratt W32
    set title "ratt W32"
    set xrange [-0.5:3.5]
    set yrange [-0.5:0.5]
    set xtics ("128" 0, "256" 1, "512" 2, "1024" 3)
    set ytics ("niah_single_1" 0)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[ratt W32]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[ratt W32]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    unset multiplot
    set output
}
