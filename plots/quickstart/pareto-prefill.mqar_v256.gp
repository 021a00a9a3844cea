# quickstart: accuracy vs prefill tokens/s, mqar_v256 (cost at 1,024 tokens, accuracy at 64 and 128)
#
# Accuracy against prefill tokens/s: every configuration a numbered point (mean over seeds, bars min..max;
# cost: median over bench rounds, bars min..max), the Pareto frontier of the means as a step line; the key below the panels names each number.
# grey band: the declared equivalence margin around the reference; dotted: the training target; grey dashed: the chance level.
#
# Written by `attnlab plot studies/quickstart.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot pareto-prefill.mqar_v256.gp
# in this folder: it redraws pareto-prefill.mqar_v256.png and pareto-prefill.mqar_v256.svg from pareto-prefill.mqar_v256.dat.

width = 1200; height = 578   # pixels (svg: points)
fontspec = "sans,10"
data = "pareto-prefill.mqar_v256.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "pareto-prefill.mqar_v256." . format
    set grid
    set multiplot title "quickstart: accuracy vs prefill tokens/s, mqar_v256 (cost at 1,024 tokens, accuracy at 64 and 128)" font ",12"

    # eval length 64
    set origin 0.0000,0.1349
    set size 0.5000,0.7958
    set autoscale y
    stats data index "[L=64 | equivalence band]" using 3 name "band_low" nooutput
    stats data index "[L=64 | equivalence band]" using 4 name "band_high" nooutput
    stats data index "[L=64 | chance]" using 1 name "chance" nooutput
    set title "accuracy vs prefill tokens/s, cost at 1,024 tokens, accuracy at 64"
    set yrange [-0.02:1.08]
    set xrange [392497:904148]
    unset logscale x
    set format x "%.0s%c"
    set xlabel "prefill throughput (tokens/s, median over rounds) at 1,024 tokens"
    set ylabel "accuracy at 64 tokens (mean over seeds)"
    set key outside below height 1
    plot '+' using 1:(band_low_min):(band_high_max) with filledcurves fc rgb "#bbbbbb" fs transparent solid 0.35 noborder title "equivalent to full: ±0.05 of its mean (declared margin)", \
         data index "[L=64 | frontier]" using 1:2 with fsteps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=64 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=64 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=64 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=64 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=64 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=64 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99", \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean), \
         data index "[L=64 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=64 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 128
    set origin 0.5000,0.1349
    set size 0.5000,0.7958
    set autoscale y
    stats data index "[L=128 | equivalence band]" using 3 name "band_low" nooutput
    stats data index "[L=128 | equivalence band]" using 4 name "band_high" nooutput
    stats data index "[L=128 | chance]" using 1 name "chance" nooutput
    set title "accuracy vs prefill tokens/s, cost at 1,024 tokens, accuracy at 128"
    set yrange [-0.02:1.0676]
    set xrange [392497:904148]
    unset logscale x
    set format x "%.0s%c"
    set xlabel "prefill throughput (tokens/s, median over rounds) at 1,024 tokens"
    set ylabel "accuracy at 128 tokens (mean over seeds)"
    set key outside below height 1
    plot '+' using 1:(band_low_min):(band_high_max) with filledcurves fc rgb "#bbbbbb" fs transparent solid 0.35 noborder title "equivalent to full: ±0.05 of its mean (declared margin)", \
         data index "[L=128 | frontier]" using 1:2 with fsteps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=128 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99", \
         chance_mean with lines lc rgb "#7f7f7f" dt 2 lw 2 title sprintf("chance (best constant answer) %.3f", chance_mean), \
         data index "[L=128 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=128 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # key: the numbered points
    set origin 0,0
    set size 1,0.1349
    set title "points (number: configuration)"
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
    set key inside left top Left reverse vertical maxrows 1 samplen 1 spacing 1.1 width 1
    plot -1 with lines notitle, \
         keyentry with points lc rgb "#000000" pt 7 dt 1 ps 1.3 title "1  full", \
         keyentry with points lc rgb "#84b4d6" pt 7 dt 1 ps 1.3 title "2  swa W8", \
         keyentry with points lc rgb "#1f77b4" pt 7 dt 1 ps 1.3 title "3  swa W16", \
         keyentry with points lc rgb "#e88889" pt 7 dt 1 ps 1.3 title "4  ratt W8", \
         keyentry with points lc rgb "#d62728" pt 7 dt 1 ps 1.3 title "5  ratt W16"

    unset multiplot
    set output
}
