# window-pareto: accuracy vs window, mqar_v256 (lllg)
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max;
# dotted: the training target.
#
# Written by `attnlab plot studies/window-pareto.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.mqar_v256.pattern=lllg.gp
# in this folder: it redraws accuracy-vs-window.mqar_v256.pattern=lllg.png and accuracy-vs-window.mqar_v256.pattern=lllg.svg from accuracy-vs-window.mqar_v256.pattern=lllg.dat.

width = 1040; height = 880   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.mqar_v256.pattern=lllg.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.mqar_v256.pattern=lllg." . format
    set grid
    set multiplot layout 2,2 title "window-pareto: accuracy vs window, mqar_v256 (lllg)" font ",12"

    # eval length 128
    set autoscale y
    stats data index "[L=128 | full]" using 2 name "full0" nooutput
    stats data index "[L=128 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=128 | full]" using 4 name "full0hi" nooutput
    set title "accuracy at 128 tokens"
    set yrange [0.54538:1.03287]
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "0" 1, "16" 2, "32" 3, "64" 4, "128" 5)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=128 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=128 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=128 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean), \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99"

    # eval length 192
    set autoscale y
    stats data index "[L=192 | full]" using 2 name "full0" nooutput
    stats data index "[L=192 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=192 | full]" using 4 name "full0hi" nooutput
    set title "accuracy at 192 tokens"
    set yrange [0.451793:1.03721]
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "0" 1, "16" 2, "32" 3, "64" 4, "128" 5)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=192 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=192 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=192 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean), \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99"

    # eval length 128, close-up
    set autoscale y
    stats data index "[L=128 | full]" using 2 name "full0" nooutput
    stats data index "[L=128 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=128 | full]" using 4 name "full0hi" nooutput
    set title "close-up near full attention, 128 tokens"
    set yrange [0.944912:1.00634]
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "0" 1, "16" 2, "32" 3, "64" 4, "128" 5)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    unset key
    plot data index "[L=128 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=128 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=128 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean), \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99"

    # eval length 192, close-up
    set autoscale y
    stats data index "[L=192 | full]" using 2 name "full0" nooutput
    stats data index "[L=192 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=192 | full]" using 4 name "full0hi" nooutput
    set title "close-up near full attention, 192 tokens"
    set yrange [0.942592:1.00391]
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "0" 1, "16" 2, "32" 3, "64" 4, "128" 5)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    unset key
    plot data index "[L=192 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=192 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=192 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean), \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99"

    unset multiplot
    set output
}
