# length-extrapolation: accuracy vs window, niah_single_1
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max;
# grey band: the declared equivalence margin around the reference; dotted: the training target; grey dashed: the chance level (best constant answer).
#
# Written by `attnlab plot studies/length-extrapolation.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.niah_single_1.gp
# in this folder: it redraws accuracy-vs-window.niah_single_1.png and accuracy-vs-window.niah_single_1.svg from accuracy-vs-window.niah_single_1.dat.

width = 1560; height = 880   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.niah_single_1.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.niah_single_1." . format
    set grid
    set multiplot layout 2,3 title "length-extrapolation: accuracy vs window, niah_single_1" font ",12"

    # eval length 128
    set autoscale y
    stats data index "[L=128 | full]" using 2 name "full0" nooutput
    stats data index "[L=128 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=128 | full]" using 4 name "full0hi" nooutput
    stats data index "[L=128 | equivalence band]" using 3 name "band_low" nooutput
    stats data index "[L=128 | equivalence band]" using 4 name "band_high" nooutput
    stats data index "[L=128 | chance]" using 1 name "chance" nooutput
    set title "accuracy at 128 tokens"
    set yrange [0.55235:1.02578]
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("linear only" 0, "32" 1)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot '+' using 1:(band_low_min):(band_high_max) with filledcurves fc rgb "#bbbbbb" fs transparent solid 0.35 noborder title "equivalent to full: ±0.05 of its mean (declared margin)", \
         data index "[L=128 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=128 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=128 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean), \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99", \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f, below the axis", chance_mean)

    # eval length 256
    set autoscale y
    stats data index "[L=256 | full]" using 2 name "full0" nooutput
    stats data index "[L=256 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=256 | full]" using 4 name "full0hi" nooutput
    stats data index "[L=256 | equivalence band]" using 3 name "band_low" nooutput
    stats data index "[L=256 | equivalence band]" using 4 name "band_high" nooutput
    stats data index "[L=256 | chance]" using 1 name "chance" nooutput
    set title "accuracy at 256 tokens"
    set yrange [0.051075:1.05955]
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("linear only" 0, "32" 1)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot '+' using 1:(band_low_min):(band_high_max) with filledcurves fc rgb "#bbbbbb" fs transparent solid 0.35 noborder title "equivalent to full: ±0.05 of its mean (declared margin)", \
         data index "[L=256 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=256 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=256 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean), \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99", \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean)

    # eval length 512
    set autoscale y
    stats data index "[L=512 | full]" using 2 name "full0" nooutput
    stats data index "[L=512 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=512 | full]" using 4 name "full0hi" nooutput
    stats data index "[L=512 | equivalence band]" using 3 name "band_low" nooutput
    stats data index "[L=512 | equivalence band]" using 4 name "band_high" nooutput
    stats data index "[L=512 | chance]" using 1 name "chance" nooutput
    set title "accuracy at 512 tokens"
    set yrange [0.03825:1.0605]
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("linear only" 0, "32" 1)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot '+' using 1:(band_low_min):(band_high_max) with filledcurves fc rgb "#bbbbbb" fs transparent solid 0.35 noborder title "equivalent to full: ±0.05 of its mean (declared margin)", \
         data index "[L=512 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=512 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=512 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean), \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99", \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean)

    # eval length 1024
    set autoscale y
    stats data index "[L=1024 | full]" using 2 name "full0" nooutput
    stats data index "[L=1024 | full]" using 3 name "full0lo" nooutput
    stats data index "[L=1024 | full]" using 4 name "full0hi" nooutput
    stats data index "[L=1024 | equivalence band]" using 3 name "band_low" nooutput
    stats data index "[L=1024 | equivalence band]" using 4 name "band_high" nooutput
    stats data index "[L=1024 | chance]" using 1 name "chance" nooutput
    set title "accuracy at 1,024 tokens"
    set yrange [0.022725:1.06165]
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("linear only" 0, "32" 1)
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy (mean over seeds)"
    set key outside below height 1
    plot '+' using 1:(band_low_min):(band_high_max) with filledcurves fc rgb "#bbbbbb" fs transparent solid 0.35 noborder title "equivalent to full: ±0.05 of its mean (declared margin)", \
         data index "[L=1024 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=1024 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "sliding_window", \
         data index "[L=1024 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "rattention", \
         '+' using 1:(full0lo_min):(full0hi_max) with filledcurves fc rgb "#000000" fs transparent solid 0.12 noborder title "full attention: min..max over 3 seeds", \
         full0_mean with lines lc rgb "#000000" dt 1 lw 1.5 title sprintf("full attention mean %.3f", full0_mean), \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99", \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean)

    unset multiplot
    set output
}
