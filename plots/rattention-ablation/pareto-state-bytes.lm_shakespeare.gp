# rattention-ablation: accuracy vs decode-state bytes, lm_shakespeare
#
# Accuracy against decode-state bytes: every configuration a numbered point (mean over seeds, bars min..max;
# cost: analytic decode state at the eval length), the Pareto frontier of the means as a step line; the key below the panels names each number.
#
# Written by `attnlab plot studies/rattention-ablation.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot pareto-state-bytes.lm_shakespeare.gp
# in this folder: it redraws pareto-state-bytes.lm_shakespeare.png and pareto-state-bytes.lm_shakespeare.svg from pareto-state-bytes.lm_shakespeare.dat.

width = 1200; height = 1056   # pixels (svg: points)
fontspec = "sans,10"
data = "pareto-state-bytes.lm_shakespeare.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "pareto-state-bytes.lm_shakespeare." . format
    set grid
    set multiplot title "rattention-ablation: accuracy vs decode-state bytes, lm_shakespeare" font ",12"

    # eval length 512
    set origin 0.0000,0.5265
    set size 0.5000,0.4356
    set autoscale y
    set title "accuracy vs decode-state bytes, at 512 tokens"
    set yrange [0.50031:0.534785]
    set xrange [173760:1.681e+06]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 512 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=512 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=512 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=512 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=512 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 1024
    set origin 0.5000,0.5265
    set size 0.5000,0.4356
    set autoscale y
    set title "accuracy vs decode-state bytes, at 1,024 tokens"
    set yrange [0.502599:0.540736]
    set xrange [337600:3358720]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 1,024 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=1024 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=1024 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=1024 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=1024 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 2048
    set origin 0.0000,0.0909
    set size 0.5000,0.4356
    set autoscale y
    set title "accuracy vs decode-state bytes, at 2,048 tokens"
    set yrange [0.474553:0.537166]
    set xrange [665280:6.71416e+06]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 2,048 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=2048 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=2048 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=2048 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=2048 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # key: the numbered points
    set origin 0,0
    set size 1,0.0909
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
    set key inside left top Left reverse vertical maxrows 2 samplen 1 spacing 1.1 width 1
    plot -1 with lines notitle, \
         keyentry with points lc rgb "#000000" pt 7 dt 1 ps 1.3 title "1  full all_local", \
         keyentry with points lc rgb "#1f77b4" pt 5 dt 1 ps 1.3 title "2  swa W8 lllg window_fraction=1/64", \
         keyentry with points lc rgb "#d62728" pt 5 dt 1 ps 1.3 title "3  ratt W8 lllg window_fraction=1/64", \
         keyentry with points lc rgb "#d62728" pt 5 dt 2 ps 1.3 title "4  ratt W8 lllg variant_name=norm_only window_fraction=1/64"

    unset multiplot
    set output
}
