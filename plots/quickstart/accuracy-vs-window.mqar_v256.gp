# quickstart: accuracy vs window, mqar_v256
#
# Accuracy (argmax at the answer positions) against the window, one panel per eval length.
# Points: mean over seeds; error bars: min..max over seeds; black line: full attention's mean;
# grey dashed line: the chance level, the best constant answer's accuracy.
#
# Written by `attnlab plot studies/quickstart.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot accuracy-vs-window.mqar_v256.gp
# in this folder: it redraws accuracy-vs-window.mqar_v256.png and accuracy-vs-window.mqar_v256.svg from accuracy-vs-window.mqar_v256.dat.

width = 960; height = 420   # pixels (svg: points)
fontspec = "sans,10"
data = "accuracy-vs-window.mqar_v256.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "accuracy-vs-window.mqar_v256." . format
    set grid
    set multiplot layout 1,2 title "quickstart: accuracy vs window, mqar_v256" font ",12"

    # eval length 64
    set title "eval length 64"
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("8" 0, "16" 1)
    set yrange [0:1.05]
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy"
    set key outside below height 1
    stats data index "[L=64 | full]" using 2 name "full" nooutput
    stats data index "[L=64 | chance]" using 1 name "chance" nooutput
    plot data index "[L=64 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 lw 1.5 title "sliding_window", \
         data index "[L=64 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 lw 1.5 title "rattention", \
         data index "[L=64 | swa_reach_ceiling]" using 1:3 with linespoints lc rgb "#1f77b4" dt 2 pt 1 title "SWA reach ceiling", \
         full_mean with lines lc rgb "#000000" lw 1.5 title sprintf("full attention %.3f", full_mean), \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean)

    # eval length 128
    set title "eval length 128"
    unset logscale x
    set xrange [-0.5:1.5]
    set xtics ("8" 0, "16" 1)
    set yrange [0:1.05]
    set xlabel "window W (attends to W+1 tokens)"
    set ylabel "accuracy"
    set key outside below height 1
    stats data index "[L=128 | full]" using 2 name "full" nooutput
    stats data index "[L=128 | chance]" using 1 name "chance" nooutput
    plot data index "[L=128 | sliding_window]" using 1:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 lw 1.5 title "sliding_window", \
         data index "[L=128 | rattention]" using 1:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 lw 1.5 title "rattention", \
         data index "[L=128 | swa_reach_ceiling]" using 1:3 with linespoints lc rgb "#1f77b4" dt 2 pt 1 title "SWA reach ceiling", \
         full_mean with lines lc rgb "#000000" lw 1.5 title sprintf("full attention %.3f", full_mean), \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean)

    unset multiplot
    set output
}
