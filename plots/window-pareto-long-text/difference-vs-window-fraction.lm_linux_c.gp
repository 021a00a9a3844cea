# window-pareto-long-text: bpb, configuration − reference, against W/L (lm_linux_c)
#
# Mean paired difference (configuration − reference) over seeds, with its 95 % t interval, at each W/L.
# A point whose interval lies inside the grey band is equivalent by the declared rule (studies/README.md, compare).
# Dashed: the state-matched configuration (listed at the W/L of the window it is matched to).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot difference-vs-window-fraction.lm_linux_c.gp
# in this folder: it redraws difference-vs-window-fraction.lm_linux_c.png and difference-vs-window-fraction.lm_linux_c.svg from difference-vs-window-fraction.lm_linux_c.dat.

width = 1560; height = 760   # pixels (svg: points)
fontspec = "sans,10"
data = "difference-vs-window-fraction.lm_linux_c.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "difference-vs-window-fraction.lm_linux_c." . format
    set key top left font ",9"
    set tics nomirror
    set grid ytics
    set multiplot layout 2,3 title "window-pareto-long-text: bpb, configuration − reference, against W/L (lm_linux_c)" font ",12"

    # L=512 eval 512
    set title "train length 512, eval length 512"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.160596:0.149982]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 title "equivalence band ±0.02", \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=512 eval 512 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 title "swa all_local", \
         data index "[L=512 eval 512 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 title "swa all_local state_matched=rattention", \
         data index "[L=512 eval 512 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 title "swa lllg", \
         data index "[L=512 eval 512 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 title "swa lllg state_matched=rattention", \
         data index "[L=512 eval 512 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 title "ratt all_local", \
         data index "[L=512 eval 512 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 title "ratt lllg"

    # L=512 eval 1024
    set title "train length 512, eval length 1024"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.222059:0.143315]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 title "equivalence band ±0.02", \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=512 eval 1024 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 title "swa all_local", \
         data index "[L=512 eval 1024 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 title "swa all_local state_matched=rattention", \
         data index "[L=512 eval 1024 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 title "swa lllg", \
         data index "[L=512 eval 1024 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 title "swa lllg state_matched=rattention", \
         data index "[L=512 eval 1024 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 title "ratt all_local", \
         data index "[L=512 eval 1024 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 title "ratt lllg"

    # L=512 eval 2048
    set title "train length 512, eval length 2048"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.465924:0.0651342]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 title "equivalence band ±0.02", \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=512 eval 2048 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 title "swa all_local", \
         data index "[L=512 eval 2048 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 title "swa all_local state_matched=rattention", \
         data index "[L=512 eval 2048 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 title "swa lllg", \
         data index "[L=512 eval 2048 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 title "swa lllg state_matched=rattention", \
         data index "[L=512 eval 2048 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 title "ratt all_local", \
         data index "[L=512 eval 2048 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 title "ratt lllg"

    # L=1024 eval 1024
    set title "train length 1024, eval length 1024"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.299631:0.279245]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 title "equivalence band ±0.02", \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=1024 eval 1024 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 title "swa all_local", \
         data index "[L=1024 eval 1024 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 title "swa all_local state_matched=rattention", \
         data index "[L=1024 eval 1024 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 title "swa lllg", \
         data index "[L=1024 eval 1024 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 title "swa lllg state_matched=rattention", \
         data index "[L=1024 eval 1024 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 title "ratt all_local", \
         data index "[L=1024 eval 1024 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 title "ratt lllg"

    # L=1024 eval 2048
    set title "train length 1024, eval length 2048"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.368581:0.268713]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 title "equivalence band ±0.02", \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=1024 eval 2048 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 title "swa all_local", \
         data index "[L=1024 eval 2048 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 title "swa all_local state_matched=rattention", \
         data index "[L=1024 eval 2048 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 title "swa lllg", \
         data index "[L=1024 eval 2048 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 title "swa lllg state_matched=rattention", \
         data index "[L=1024 eval 2048 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 title "ratt all_local", \
         data index "[L=1024 eval 2048 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 title "ratt lllg"

    # L=1024 eval 4096
    set title "train length 1024, eval length 4096"
    set xtics ("1/64" -6, "1/32" -5, "1/16" -4, "1/8" -3, "1/4" -2)
    set xrange [-6.5:-1.5]
    set yrange [-0.578971:0.23617]
    set xlabel "window ÷ train length (log scale)"
    set ylabel "bpb: configuration − reference"
    plot -0.02 with filledcurves y1=0.02 fc rgb "#bbbbbb" fs transparent solid 0.35 title "equivalence band ±0.02", \
         0 with lines lc rgb "#000000" dt 2 notitle, \
         data index "[L=1024 eval 4096 | swa all_local]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 ps 1.1 title "swa all_local", \
         data index "[L=1024 eval 4096 | swa all_local state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 ps 1.1 title "swa all_local state_matched=rattention", \
         data index "[L=1024 eval 4096 | swa lllg]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 1 lw 1.5 ps 1.1 title "swa lllg", \
         data index "[L=1024 eval 4096 | swa lllg state_matched=rattention]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 ps 1.1 title "swa lllg state_matched=rattention", \
         data index "[L=1024 eval 4096 | ratt all_local]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 ps 1.1 title "ratt all_local", \
         data index "[L=1024 eval 4096 | ratt lllg]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 1 lw 1.5 ps 1.1 title "ratt lllg"

    unset multiplot
    set output
}
