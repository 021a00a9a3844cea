# long-context-pilot-text: bpb, configuration − reference, against W/L (lm_linux_c)
#
# Mean paired difference (configuration − reference) over seeds, with its 95 % t interval, at each W/L.
# A point whose interval lies inside the grey band is equivalent by the declared rule (studies/README.md, compare).
# Dashed: the state-matched configuration (listed at the W/L of the window it is matched to).
#
# Written by `attnlab plot studies/long-context-pilot-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot difference-vs-window-fraction.lm_linux_c.gp
# in this folder: it redraws difference-vs-window-fraction.lm_linux_c.png and difference-vs-window-fraction.lm_linux_c.svg from difference-vs-window-fraction.lm_linux_c.dat.

width = 1040; height = 478   # pixels (svg: points)
fontspec = "sans,10"
data = "difference-vs-window-fraction.lm_linux_c.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "difference-vs-window-fraction.lm_linux_c." . format
    set tics nomirror
    set grid ytics
    set multiplot title "long-context-pilot-text: bpb, configuration − reference, against W/L (lm_linux_c)" font ",12"

    # L=512 eval 512
    set origin 0.0000,0.1632
    set size 0.5000,0.7531
    set title "train length 512, eval length 512"
    set xtics ("1/64" -6)
    set xrange [-6.5:-5.5]
    set yrange [-0.60849:0.455926]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=512 eval 512 | swa]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle

    # L=1024 eval 1024
    set origin 0.5000,0.1632
    set size 0.5000,0.7531
    set title "train length 1024, eval length 1024"
    set xtics ("1/64" -6)
    set xrange [-6.5:-5.5]
    set yrange [-0.794428:0.364891]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=1024 eval 1024 | swa]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle

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
         keyentry with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 title "swa"

    unset multiplot
    set output
}
