# window-pareto-long-text: test bits per byte vs window, lm_shakespeare (all_local, train_length=128, state_matched=–)
#
# Test bits per byte against the window, one panel per eval length (bytes).
# Points: mean over seeds; error bars: min..max over seeds; black line and dotted lines: full attention's mean and min..max;
# grey dashed: a unigram byte model fitted on the train split (a model that ignores its context).
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot bpb-vs-window.lm_shakespeare.pattern=all_local.train_length=128.state_matched=-.gp
# in this folder: it redraws bpb-vs-window.lm_shakespeare.pattern=all_local.train_length=128.state_matched=-.png and bpb-vs-window.lm_shakespeare.pattern=all_local.train_length=128.state_matched=-.svg from bpb-vs-window.lm_shakespeare.pattern=all_local.train_length=128.state_matched=-.dat.

width = 1440; height = 420   # pixels (svg: points)
fontspec = "sans,10"
data = "bpb-vs-window.lm_shakespeare.pattern=all_local.train_length=128.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "bpb-vs-window.lm_shakespeare.pattern=all_local.train_length=128.state_matched=-." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: test bits per byte vs window, lm_shakespeare (all_local, train_length=128, state_matched=–)" font ",12"

    # eval length 128
    set title "eval length 128 bytes"
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5)
    set autoscale y
    set xlabel "window W (attends to W+1 bytes)"
    set ylabel "test bits per byte (lower is better)"
    set key outside below height 1
    stats data index "[L=128 | full]" using 1 name "full" nooutput
    plot full_mean with lines lc rgb "#000000" lw 1.5 title sprintf("full attention %.3f", full_mean), \
         2.36825 with lines lc rgb "#000000" dt 3 lw 1 title "full attention min..max over seeds", \
         2.40308 with lines lc rgb "#000000" dt 3 lw 1 notitle, \
         data index "[L=128 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 lw 1.5 title "linear only", \
         data index "[L=128 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 lw 1.5 title "sliding_window", \
         data index "[L=128 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 lw 1.5 title "rattention", \
         4.75581 with lines lc rgb "#7f7f7f" dt 2 lw 2 title "unigram model 4.756"

    # eval length 256
    set title "eval length 256 bytes"
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5)
    set autoscale y
    set xlabel "window W (attends to W+1 bytes)"
    set ylabel "test bits per byte (lower is better)"
    set key outside below height 1
    stats data index "[L=256 | full]" using 1 name "full" nooutput
    plot full_mean with lines lc rgb "#000000" lw 1.5 title sprintf("full attention %.3f", full_mean), \
         2.38082 with lines lc rgb "#000000" dt 3 lw 1 title "full attention min..max over seeds", \
         2.41078 with lines lc rgb "#000000" dt 3 lw 1 notitle, \
         data index "[L=256 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 lw 1.5 title "linear only", \
         data index "[L=256 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 lw 1.5 title "sliding_window", \
         data index "[L=256 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 lw 1.5 title "rattention", \
         4.75581 with lines lc rgb "#7f7f7f" dt 2 lw 2 title "unigram model 4.756"

    # eval length 512
    set title "eval length 512 bytes"
    unset logscale x
    set xrange [-0.5:5.5]
    set xtics ("linear only" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5)
    set autoscale y
    set xlabel "window W (attends to W+1 bytes)"
    set ylabel "test bits per byte (lower is better)"
    set key outside below height 1
    stats data index "[L=512 | full]" using 1 name "full" nooutput
    plot full_mean with lines lc rgb "#000000" lw 1.5 title sprintf("full attention %.3f", full_mean), \
         2.51242 with lines lc rgb "#000000" dt 3 lw 1 title "full attention min..max over seeds", \
         2.84647 with lines lc rgb "#000000" dt 3 lw 1 notitle, \
         data index "[L=512 | linear_attention]" using 1:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 lw 1.5 title "linear only", \
         data index "[L=512 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 lw 1.5 title "sliding_window", \
         data index "[L=512 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 lw 1.5 title "rattention", \
         4.75581 with lines lc rgb "#7f7f7f" dt 2 lw 2 title "unigram model 4.756"

    unset multiplot
    set output
}
