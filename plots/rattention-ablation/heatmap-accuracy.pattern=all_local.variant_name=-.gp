# rattention-ablation: accuracy by task and eval length (mean over seeds) (all_local, variant_name=–)
#
# accuracy (mean over seeds) of each task at each eval length, one panel per variant/window.
# Colour scale fixed at 0..1 (red: 0, yellow: 0.5, green: 1).
#
# Written by `attnlab plot studies/rattention-ablation.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot heatmap-accuracy.pattern=all_local.variant_name=-.gp
# in this folder: it redraws heatmap-accuracy.pattern=all_local.variant_name=-.png and heatmap-accuracy.pattern=all_local.variant_name=-.svg from heatmap-accuracy.pattern=all_local.variant_name=-.dat.

width = 832; height = 300   # pixels (svg: points)
fontspec = "sans,10"
data = "heatmap-accuracy.pattern=all_local.variant_name=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "heatmap-accuracy.pattern=all_local.variant_name=-." . format
    set palette defined (0 "#d73027", 0.5 "#fee08b", 1 "#1a9850")
    unset key
    set tics nomirror
    set multiplot layout 1,1 title "rattention-ablation: accuracy by task and eval length (mean over seeds) (all_local, variant_name=–)" font ",12"

    # full
    set title "full"
    set xrange [-0.5:2.5]
    set yrange [-0.5:0.5]
    set xtics ("512" 0, "1024" 1, "2048" 2)
    set ytics ("lm_shakespeare" 0)
    set xlabel "eval length (tokens)"
    set cbrange [0:1]
    plot data index "[full]" using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle, \
         data index "[full]" using 1:2:(sprintf("%.2f", $3)) with labels font ",9" notitle

    unset multiplot
    set output
}
