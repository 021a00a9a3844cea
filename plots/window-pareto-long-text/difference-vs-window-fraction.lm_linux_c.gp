# window-pareto-long-text: bpb, configuration − reference, against W/L (lm_linux_c)
#
# Mean paired difference (configuration − reference) over seeds, with its 95 % t interval, at each W/L.
# A point whose interval lies inside the grey band is equivalent by the declared rule (studies/README.md, compare).
# Dashed: the state-matched configuration (listed at the W/L of the window it is matched to).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot difference-vs-window-fraction.lm_linux_c.gp
# in this folder: it redraws difference-vs-window-fraction.lm_linux_c.png and difference-vs-window-fraction.lm_linux_c.svg from difference-vs-window-fraction.lm_linux_c.dat.

width = 1560; height = 1216   # pixels (svg: points)
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
    set multiplot title "window-pareto-long-text: bpb, configuration − reference, against W/L (lm_linux_c)" font ",12"

    # L=128 eval 128
    set origin 0.0000,0.6711
    set size 0.3333,0.2961
    set title "train length 128, eval length 128"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.153934:0.235627]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=128 eval 128 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 128 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 128 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 128 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 128 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 128 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 notitle

    # L=128 eval 256
    set origin 0.3333,0.6711
    set size 0.3333,0.2961
    set title "train length 128, eval length 256"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.253383:0.161779]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=128 eval 256 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 256 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 256 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 256 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 256 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 256 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 notitle

    # L=128 eval 512
    set origin 0.6667,0.6711
    set size 0.3333,0.2961
    set title "train length 128, eval length 512"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.544423:0.0618091]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=128 eval 512 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 512 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 512 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 512 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 512 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=128 eval 512 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 notitle

    # L=512 eval 512
    set origin 0.0000,0.3750
    set size 0.3333,0.2961
    set title "train length 512, eval length 512"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.160596:0.149982]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=512 eval 512 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 512 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 512 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 512 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 512 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 512 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 notitle

    # L=512 eval 1024
    set origin 0.3333,0.3750
    set size 0.3333,0.2961
    set title "train length 512, eval length 1024"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.222059:0.143315]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=512 eval 1024 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 1024 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 1024 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 1024 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 1024 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 1024 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 notitle

    # L=512 eval 2048
    set origin 0.6667,0.3750
    set size 0.3333,0.2961
    set title "train length 512, eval length 2048"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.465924:0.0651342]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=512 eval 2048 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 2048 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 2048 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 2048 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 2048 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=512 eval 2048 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 notitle

    # L=1024 eval 1024
    set origin 0.0000,0.0789
    set size 0.3333,0.2961
    set title "train length 1024, eval length 1024"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.259609:0.221095]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=1024 eval 1024 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 1024 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 1024 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 1024 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 1024 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 1024 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 notitle

    # L=1024 eval 2048
    set origin 0.3333,0.0789
    set size 0.3333,0.2961
    set title "train length 1024, eval length 2048"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.321367:0.207395]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=1024 eval 2048 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 2048 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 2048 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 2048 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 2048 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 2048 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 notitle

    # L=1024 eval 4096
    set origin 0.6667,0.0789
    set size 0.3333,0.2961
    set title "train length 1024, eval length 4096"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.506551:0.155127]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 notitle, \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=1024 eval 4096 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 4096 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 4096 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 4096 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 4096 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 notitle, \
         data index "[L=1024 eval 4096 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 notitle

    # key: the configurations
    set origin 0,0
    set size 1,0.0789
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
    set key inside left top Left reverse vertical maxrows 2 samplen 3 spacing 1.1 width 1
    plot -1 with lines notitle, \
         keyentry with filledcurves fc rgb "#bbbbbb" fs transparent solid 0.35 title "equivalence band ±0.02", \
         keyentry with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 title "swa all_local", \
         keyentry with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 title "swa all_local state_matched=rattention", \
         keyentry with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 title "swa lllg", \
         keyentry with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 title "swa lllg state_matched=rattention", \
         keyentry with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 title "ratt all_local", \
         keyentry with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 title "ratt lllg"

    unset multiplot
    set output
}
