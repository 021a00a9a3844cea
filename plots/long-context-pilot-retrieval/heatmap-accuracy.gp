# long-context-pilot-retrieval: accuracy by task and eval length (mean over seeds)
#
# accuracy (mean over seeds) of each task at each eval length, one panel per variant/window.
# Colour scale fixed at 0..1 (red: 0, yellow: 0.5, green: 1).
#
# Written by `attnlab plot studies/long-context-pilot-retrieval.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot heatmap-accuracy.gp
# in this folder: it redraws heatmap-accuracy.png and heatmap-accuracy.svg from heatmap-accuracy.dat.

width = 680; height = 360   # pixels (svg: points)
fontspec = "sans,10"
data = "heatmap-accuracy.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "heatmap-accuracy." . format
    set palette defined (0 "#d73027", 0.5 "#fee08b", 1 "#1a9850")
    unset key
    set tics nomirror
    set multiplot layout 1,1 title "long-context-pilot-retrieval: accuracy by task and eval length (mean over seeds)" font ",12"

    # full
    set title "full"
    set xrange [-0.5:0.5]
    set yrange [-0.5:5.5]
    set xtics ("512" 0)
    set ytics ("mqar_v8192" 0, "niah_multikey_1" 1, "niah_multikey_3" 2, "qa_1" 3, "qa_2" 4, "vt" 5)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[full]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[full]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    unset multiplot
    set output
}
