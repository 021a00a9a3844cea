# window-pareto-long-text: accuracy vs window, lm_linux_c (all_local, train_length=128, state_matched=–)
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=128.state_matched=-.gp
# in this folder: it redraws accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=128.state_matched=-.png and accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=128.state_matched=-.svg from accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=128.state_matched=-.dat.

width = 1560; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=128.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.lm_linux_c.pattern=all_local.train_length=128.state_matched=-." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: accuracy vs window, lm_linux_c (all_local, train_length=128, state_matched=–)" font ",12"

    # eval length 128
    set autoscale y
    stats data index "[L=128 | full]" using 2 name "full0" nooutput
    stats data index "[L=128 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=128 | full]" using 4 name "full0hi" nooutput
    set title "accuracy at 128 tokens"
    set yrange [0.510352:0.600977]
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=128 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=128 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=128 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean)

    # eval length 256
    set autoscale y
    stats data index "[L=256 | full]" using 2 name "full0" nooutput
    stats data index "[L=256 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=256 | full]" using 4 name "full0hi" nooutput
    set title "accuracy at 256 tokens"
    set yrange [0.496489:0.570405]
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=256 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=256 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=256 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean)

    # eval length 512
    set autoscale y
    stats data index "[L=512 | full]" using 2 name "full0" nooutput
    stats data index "[L=512 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=512 | full]" using 4 name "full0hi" nooutput
    set title "accuracy at 512 tokens"
    set yrange [0.514226:0.584712]
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot data index "[L=512 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=512 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=512 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean)

    unset multiplot
    set output
}
