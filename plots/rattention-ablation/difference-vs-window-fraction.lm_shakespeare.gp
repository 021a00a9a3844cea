# rattention-ablation: bpb, configuration − reference, against W/L (lm_shakespeare)
#
# Mean paired difference (configuration − reference) over seeds, with its 95 % t interval, at each W/L.
# A point whose interval lies inside the grey band is equivalent by the declared rule (studies/README.md, compare).
# Dashed: the state-matched configuration (listed at the W/L of the window it is matched to).
#
# Written by `attnlab plot studies/rattention-ablation.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot difference-vs-window-fraction.lm_shakespeare.gp
# in this folder: it redraws difference-vs-window-fraction.lm_shakespeare.png and difference-vs-window-fraction.lm_shakespeare.svg from difference-vs-window-fraction.lm_shakespeare.dat.

width = 1560; height = 478   # pixels (svg: points)
fontspec = "sans,10"
data = "difference-vs-window-fraction.lm_shakespeare.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "difference-vs-window-fraction.lm_shakespeare." . format
    set tics nomirror
    set grid ytics
    set multiplot title "rattention-ablation: bpb, configuration − reference, against W/L (lm_shakespeare)" font ",12"

    # L=512 eval 512
    set origin 0.0000,0.1632
    set size 0.3333,0.7531
    set title "train length 512, eval length 512"
    set xtics ("1/64" -6)
    set xrange [-6.5:-5.5]
    set yrange [-0.128488:0.125616]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=512 eval 512 | swa]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 512 | ratt]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 512 | ratt variant_name=norm_only]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 2 lw 1.5 ps 1.1 notitle

    # L=512 eval 1024
    set origin 0.3333,0.1632
    set size 0.3333,0.7531
    set title "train length 512, eval length 1024"
    set xtics ("1/64" -6)
    set xrange [-6.5:-5.5]
    set yrange [-0.16947:0.10603]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=512 eval 1024 | swa]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 1024 | ratt]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 1024 | ratt variant_name=norm_only]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 2 lw 1.5 ps 1.1 notitle

    # L=512 eval 2048
    set origin 0.6667,0.1632
    set size 0.3333,0.7531
    set title "train length 512, eval length 2048"
    set xtics ("1/64" -6)
    set xrange [-6.5:-5.5]
    set yrange [-0.363331:0.0655282]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=512 eval 2048 | swa]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 2048 | ratt]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 2048 | ratt variant_name=norm_only]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 2 lw 1.5 ps 1.1 notitle

    # key: the configurations
    set origin 0,0
    set size 1,0.1632
    set title ""
    unset logscale x
    set xrange [0:1]
    set yrange [0:1]
    unset border
    unset xtics
    unset ytics
    unset xlabel
    unset ylabel
    unset grid
    set lmargin 2
    set rmargin 2
    set tmargin 2
    set bmargin 0
    set key inside left top Left reverse vertical maxrows 1 samplen 3 spacing 1.1 width 1
    plot -1 with lines notitle, \
         keyentry with filledcurves fc rgb "#bbbbbb" fs transparent solid 0.35 title "equivalence band ±0.02", \
         keyentry with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 title "swa", \
         keyentry with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 title "ratt", \
         keyentry with yerrorlines lc rgb "#d62728" pt 7 dt 2 lw 1.5 ps 1.1 title "ratt variant_name=norm_only"

    unset multiplot
    set output
}
